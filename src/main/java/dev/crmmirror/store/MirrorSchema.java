package dev.crmmirror.store;

import dev.crmmirror.config.InvalidConfigurationException;
import dev.crmmirror.config.ModuleMappings;
import dev.crmmirror.mapping.Column;
import dev.crmmirror.mapping.ModuleMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings each mirror table in line with its mapping at start-up, before any route runs: creates missing
 * tables, adds columns for newly mapped fields, and refuses destructive changes (a changed type, an
 * unmapped column) with what to do about them, since dropping data is the operator's decision.
 */
@Component
@DependsOnDatabaseInitialization
public class MirrorSchema implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MirrorSchema.class);
    /** Serialises DDL when several instances start at once. */
    private static final long DDL_LOCK = 0x63726d6d6972L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ModuleMappings mappings;

    public MirrorSchema(JdbcTemplate jdbc, TransactionTemplate tx, ModuleMappings mappings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mappings = mappings;
    }

    @Override
    public void afterPropertiesSet() {
        mappings.all().forEach(this::apply);
    }

    void apply(ModuleMapping mapping) {
        MirrorTable table = new MirrorTable(mapping);
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, DDL_LOCK);
            jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + ModuleMapping.SCHEMA);
            Map<String, String> existing = columns(mapping.table());
            if (existing.isEmpty()) {
                jdbc.execute(table.createTable());
                log.info("Created mirror table {} for Zoho module {} ({} columns)", table.qualifiedName(), mapping.module(),
                        mapping.tableColumns().size());
            } else {
                reconcile(mapping, table, existing);
            }
            table.createIndexes().forEach(jdbc::execute);
        });
    }

    private void reconcile(ModuleMapping mapping, MirrorTable table, Map<String, String> existing) {
        List<String> problems = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (Column c : mapping.tableColumns()) {
            String actual = existing.remove(c.name());
            String wanted = MirrorTable.catalogName(c.sqlType());
            if (actual == null) {
                jdbc.execute(table.addColumn(c));
                log.info("Added column {}.{} ({}) for the mapping {}", table.qualifiedName(), c.name(), c.sqlType(), mapping.source());
            } else if (!actual.equals(wanted)) {
                problems.add("column " + c.name() + " is " + actual + " in the database but the mapping makes it " + wanted);
                actions.add("ALTER TABLE " + table.qualifiedName() + " ALTER COLUMN \"" + c.name() + "\" TYPE " + c.sqlType()
                        + " USING \"" + c.name() + "\"::" + c.sqlType());
            }
        }
        existing.keySet().forEach(column -> {
            problems.add("column " + column + " is no longer in the mapping");
            actions.add("ALTER TABLE " + table.qualifiedName() + " DROP COLUMN \"" + column + "\"");
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException("mirror table " + table.qualifiedName() + " does not match " + mapping.source()
                    + ": " + String.join("; ", problems) + ". crm-mirror applies only additive changes by itself.",
                    "Either restore the mapping, or change the table yourself (this drops or converts data), e.g.: "
                            + String.join("; ", actions) + ". Then restart.");
        }
    }

    private Map<String, String> columns(String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        jdbc.query("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                  FROM pg_attribute a
                  JOIN pg_class c ON c.oid = a.attrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum""", rs -> {
            columns.put(rs.getString(1), rs.getString(2));
        }, ModuleMapping.SCHEMA, table);
        return columns;
    }
}
