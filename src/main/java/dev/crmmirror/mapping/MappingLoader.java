package dev.crmmirror.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crmmirror.config.InvalidConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code config/modules/*.yaml}. A file looks like
 * <pre>
 * module: Leads            # Zoho module API name
 * table: leads             # optional, default: snake_case of the module, in schema zoho
 * fields:
 *   Owner: lookup          # → owner_id, owner_name
 *   Annual_Revenue: currency
 *   Email: { type: text, column: email_address, length: 100 }
 * custom_fields: [Referrer]  # selected into custom_fields jsonb, no column of its own
 * </pre>
 * Every problem in a file is reported at once, so a user fixes them in one go.
 */
public final class MappingLoader {

    /** COQL selects at most 50 columns per query (zoho-api.md §2.5). */
    static final int MAX_SELECT_FIELDS = 50;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> IMPLICIT = Set.of(ModuleMapping.ID, ModuleMapping.CREATED_TIME, ModuleMapping.MODIFIED_TIME);
    private static final Set<String> BOOKKEEPING = Set.of("id", "custom_fields", "created_time", "modified_time",
            "deleted_at", "synced_at", "run_id");
    private static final Set<String> FILE_KEYS = Set.of("module", "table", "fields", "custom_fields");
    private static final Set<String> FIELD_KEYS = Set.of("type", "column", "length");

    private MappingLoader() {
    }

    /** Loads the mapping of each of {@code modules} from {@code dir}. */
    public static Map<String, ModuleMapping> load(Path dir, List<String> modules) {
        Map<String, ModuleMapping> all = loadAll(dir);
        Map<String, ModuleMapping> wanted = new LinkedHashMap<>();
        for (String module : modules) {
            ModuleMapping m = all.get(module);
            if (m == null) {
                throw new InvalidConfigurationException(
                        "no mapping for module '" + module + "' in " + dir.toAbsolutePath()
                                + (all.isEmpty() ? " (the folder has no mapping files)" : " (mapped modules: " + all.keySet() + ")"),
                        "Add " + dir.resolve(Names.snakeCase(module) + ".yaml") + " (copy leads.yaml as a start), or remove '"
                                + module + "' from CRM_MIRROR_MODULES / crm-mirror.run-once. Module names are Zoho API names and case-sensitive.");
            }
            wanted.put(module, m);
        }
        return wanted;
    }

    public static Map<String, ModuleMapping> loadAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigurationException("mapping folder " + dir.toAbsolutePath() + " does not exist",
                    "Run crm-mirror from its project (or container) folder, or set CRM_MIRROR_MAPPINGS_DIR to the folder holding <module>.yaml files.");
        }
        Map<String, ModuleMapping> byModule = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(MappingLoader::isYaml).sorted().toList()) {
                ModuleMapping m = parse(file);
                ModuleMapping clash = byModule.put(m.module(), m);
                if (clash != null) {
                    throw new InvalidConfigurationException("module " + m.module() + " is mapped twice: " + clash.source() + " and " + file,
                            "Keep one mapping file per module.");
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read mapping folder " + dir.toAbsolutePath() + ": " + e.getMessage(),
                    "Check the folder's permissions (CRM_MIRROR_MAPPINGS_DIR).");
        }
        return byModule;
    }

    public static ModuleMapping parse(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidConfigurationException("mapping " + file + " is not valid YAML: " + e.getMessage(),
                    "Fix the YAML syntax of the file.");
        }
        return parse(file, root);
    }

    static ModuleMapping parse(Path file, JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw invalid(file, List.of("the file must be a YAML mapping with keys module, table, fields"));
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!FILE_KEYS.contains(k)) {
                problems.add("unknown key '" + k + "' (known: " + FILE_KEYS + ")");
            }
        });
        String module = root.path("module").asText(null);
        if (!Names.isApiName(module)) {
            problems.add("'module' must be a Zoho module API name such as Leads, got " + root.path("module"));
            module = "?";
        }
        String table = root.hasNonNull("table") ? root.get("table").asText() : Names.snakeCase(module);
        if (!Names.isIdentifier(table)) {
            problems.add("'table' must be a lowercase PostgreSQL name ([a-z_][a-z0-9_]*, at most 63 characters), got '" + table + "'");
        }

        List<FieldMapping> fields = new ArrayList<>();
        JsonNode fieldsNode = root.path("fields");
        if (!fieldsNode.isObject() || fieldsNode.isEmpty()) {
            problems.add("'fields' must map Zoho field API names to types, e.g. 'Last_Name: text'");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                FieldMapping f = field(e.getKey(), e.getValue(), problems);
                if (f != null) {
                    fields.add(f);
                }
            }
        }

        List<String> customFields = new ArrayList<>();
        JsonNode custom = root.path("custom_fields");
        if (!custom.isMissingNode() && !custom.isNull()) {
            if (!custom.isArray()) {
                problems.add("'custom_fields' must be a list of Zoho field API names");
            } else {
                for (JsonNode n : custom) {
                    String api = n.asText();
                    if (!Names.isApiName(api) || IMPLICIT.contains(api)) {
                        problems.add("custom_fields: '" + api + "' is not a Zoho field API name that can be selected");
                    } else if (fieldsNode.has(api) || customFields.contains(api)) {
                        problems.add("custom_fields: " + api + " is listed twice (a field either has a column or goes to custom_fields)");
                    } else {
                        customFields.add(api);
                    }
                }
            }
        }

        Map<String, String> columnOwner = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (FieldMapping f : fields) {
            for (Column c : f.columns()) {
                if (BOOKKEEPING.contains(c.name())) {
                    problems.add(f.apiName() + ": column '" + c.name() + "' is reserved for crm-mirror's own columns; give it another 'column'");
                } else if (!seen.add(c.name())) {
                    problems.add(f.apiName() + " and " + columnOwner.get(c.name()) + " both map to column '" + c.name()
                            + "'; give one of them a 'column'");
                }
                columnOwner.putIfAbsent(c.name(), f.apiName());
            }
        }
        int selected = fields.size() + customFields.size() + 2;
        if (selected > MAX_SELECT_FIELDS) {
            problems.add("selects " + selected + " Zoho fields (mapped + custom_fields + Created_Time + Modified_Time), but COQL returns at most "
                    + MAX_SELECT_FIELDS + " columns per query: drop " + (selected - MAX_SELECT_FIELDS) + " of them");
        }
        if (!problems.isEmpty()) {
            throw invalid(file, problems);
        }
        return new ModuleMapping(module, table, fields, customFields, file);
    }

    private static FieldMapping field(String apiName, JsonNode spec, List<String> problems) {
        if (!Names.isApiName(apiName)) {
            problems.add("'" + apiName + "' is not a Zoho field API name (letters, digits and _)");
            return null;
        }
        if (IMPLICIT.contains(apiName)) {
            problems.add(apiName + " is always mirrored (as column " + Names.snakeCase(apiName) + "); remove it from 'fields'");
            return null;
        }
        String typeName;
        String column = null;
        int maxLength = FieldMapping.DEFAULT_MAX_LENGTH;
        if (spec.isTextual()) {
            typeName = spec.asText();
        } else if (spec.isObject()) {
            spec.fieldNames().forEachRemaining(k -> {
                if (!FIELD_KEYS.contains(k)) {
                    problems.add(apiName + ": unknown key '" + k + "' (known: " + FIELD_KEYS + ")");
                }
            });
            typeName = spec.path("type").asText(null);
            column = spec.hasNonNull("column") ? spec.get("column").asText() : null;
            if (spec.has("length")) {
                if (!spec.get("length").canConvertToInt() || spec.get("length").asInt() < 1) {
                    problems.add(apiName + ": 'length' must be a positive whole number");
                } else {
                    maxLength = spec.get("length").asInt();
                }
            }
        } else {
            problems.add(apiName + ": expected a type name or {type, column, length}");
            return null;
        }
        FieldType type;
        try {
            type = FieldType.fromConfig(typeName);
        } catch (IllegalArgumentException e) {
            problems.add(apiName + ": " + e.getMessage());
            return null;
        }
        if (spec.has("length") && !FieldType.textual().contains(type)) {
            problems.add(apiName + ": 'length' applies to text and picklist fields only");
        }
        if (column == null) {
            column = type == FieldType.LOOKUP ? Names.lookupPrefix(apiName) : Names.snakeCase(apiName);
        } else if (!Names.isIdentifier(column)) {
            problems.add(apiName + ": column '" + column + "' is not a lowercase PostgreSQL name ([a-z_][a-z0-9_]*)");
            return null;
        }
        return new FieldMapping(apiName, type, column, maxLength);
    }

    private static InvalidConfigurationException invalid(Path file, List<String> problems) {
        return new InvalidConfigurationException("mapping " + file + " is invalid:\n  - " + String.join("\n  - ", problems),
                "Fix the mapping file. Types: " + FieldType.configNames() + ". See README.md, section 'Adding a module'.");
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }
}
