package dev.crmmirror.store;

import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.mapping.ModuleMapping;
import dev.crmmirror.zoho.FieldMetadataReader;
import dev.crmmirror.zoho.FieldMetadataReader.ZohoField;
import dev.crmmirror.zoho.ZohoException;
import dev.crmmirror.zoho.ZohoTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Notices fields that appear in Zoho after a module's mirror began (schema drift). Every
 * {@code crm-mirror.drift-check-every} (and after a failed run) it reads the module's field metadata
 * (1 API credit). The first check records the fields as they are; a field seen later is drift: recorded once
 * in {@code sync.schema_drift}, warned about once, and selected from then on, so its values land in
 * {@code custom_fields} until the mapping gives it a column. Drift never fails a run, nor does a check that
 * cannot read the metadata (the scope ZohoCRM.settings.fields.READ is needed for it).
 */
@Component("schemaDrift")
public class SchemaDrift {

    private static final Logger log = LoggerFactory.getLogger(SchemaDrift.class);
    /** COQL cannot select these (zoho-api.md §2.5). */
    private static final Set<String> NOT_SELECTABLE = Set.of("subform", "multiselectlookup", "fileupload", "imageupload");
    private static final int MAX_SELECT = 50;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FieldMetadataReader metadata;
    private final MirrorProperties props;

    public SchemaDrift(JdbcTemplate jdbc, TransactionTemplate tx, FieldMetadataReader metadata, MirrorProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.metadata = metadata;
        this.props = props;
    }

    public void check(SyncRun run) {
        if (due(run.module())) {
            try {
                record(run, metadata.fields(run.module(), run));
            } catch (ZohoException e) {
                // the sync matters more than noticing new fields: go on with what is known
                log.warn("{}: the schema drift check could not read Zoho's field metadata ({}). The sync goes on; new fields are "
                        + "noticed once the check works: it needs the scope ZohoCRM.settings.fields.READ on the refresh token.",
                        run.module(), e.getMessage());
                if (!(e instanceof ZohoTransientException)) {
                    markChecked(run.module()); // a missing scope will not fix itself: ask again after drift-check-every
                }
            }
        }
        run.selectDriftFields(driftFieldsToSelect(run));
    }

    private boolean due(String module) {
        Boolean due = jdbc.queryForObject("""
                SELECT coalesce((SELECT fields_checked_at < now() - make_interval(secs => ?) FROM sync.watermarks WHERE module = ?), true)
                    OR coalesce((SELECT status = 'failed' FROM sync.runs WHERE module = ? AND kind = 'sync' AND status IN ('ok', 'failed')
                                  ORDER BY started_at DESC LIMIT 1), false)""",
                Boolean.class, (double) props.driftCheckEvery().toSeconds(), module, module);
        return Boolean.TRUE.equals(due);
    }

    private void record(SyncRun run, List<ZohoField> fields) {
        ModuleMapping mapping = run.mapping();
        tx.executeWithoutResult(status -> {
            boolean baseline = jdbc.queryForObject("SELECT count(*) = 0 FROM sync.zoho_fields WHERE module = ?", Boolean.class, run.module());
            for (ZohoField f : fields) {
                Boolean inserted = jdbc.queryForObject("""
                        INSERT INTO sync.zoho_fields (module, field, data_type, drift, run_id) VALUES (?, ?, ?, ?, ?::uuid)
                        ON CONFLICT (module, field) DO UPDATE SET last_seen_at = now(), data_type = excluded.data_type
                        RETURNING xmax = 0""", Boolean.class, run.module(), f.apiName(), f.dataType(), !baseline, run.id().toString());
                if (Boolean.TRUE.equals(inserted) && !baseline && !mapped(mapping, f.apiName())) {
                    log.warn("{}: Zoho has a new field {} ({}) that {} does not map; its values go to custom_fields. To give it a column, "
                            + "add '{}: <type>' to the mapping and restart.", run.module(), f.apiName(), f.dataType(), mapping.source(), f.apiName());
                }
            }
            markChecked(run.module());
        });
    }

    private void markChecked(String module) {
        jdbc.update("""
                INSERT INTO sync.watermarks (module, fields_checked_at) VALUES (?, now())
                ON CONFLICT (module) DO UPDATE SET fields_checked_at = now()""", module);
    }

    /** Drift fields Zoho still listed at the last check, that the mapping does not select, as room allows. */
    private List<String> driftFieldsToSelect(SyncRun run) {
        ModuleMapping mapping = run.mapping();
        List<String> present = jdbc.queryForList("""
                SELECT f.field FROM sync.zoho_fields f JOIN sync.watermarks w ON w.module = f.module
                 WHERE f.module = ? AND f.drift AND f.last_seen_at >= w.fields_checked_at AND NOT f.data_type = ANY (?)
                 ORDER BY f.first_seen_at, f.field""", String.class, run.module(), NOT_SELECTABLE.toArray(String[]::new));
        Set<String> selected = new HashSet<>(mapping.selectFields());
        List<String> drift = present.stream().filter(f -> !selected.contains(f)).toList();
        int room = MAX_SELECT - mapping.selectFields().size();
        if (drift.size() > room) {
            log.warn("{}: {} new Zoho fields have no room in the COQL select list (at most {} columns); their values are not mirrored: {}. "
                    + "Map the ones you need in {} in place of others.", run.module(), drift.size() - room, MAX_SELECT,
                    drift.subList(room, drift.size()), mapping.source());
            return drift.subList(0, room);
        }
        return drift;
    }

    private static boolean mapped(ModuleMapping mapping, String field) {
        return mapping.selectFields().contains(field) || field.equals(ModuleMapping.ID);
    }
}
