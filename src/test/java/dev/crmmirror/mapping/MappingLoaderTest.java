package dev.crmmirror.mapping;

import dev.crmmirror.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shippedMappingsLoadAndDeriveColumnsAndSelectList() {
        var mappings = MappingLoader.load(Path.of("config/modules"), List.of("Leads", "Deals"));

        ModuleMapping deals = mappings.get("Deals");
        assertThat(deals.qualifiedTable()).isEqualTo("zoho.deals");
        assertThat(deals.dataColumns()).extracting(Column::name)
                .startsWith("id", "owner_id", "owner_name", "deal_name", "account_id", "account_name", "contact_id", "contact_name")
                .endsWith("custom_fields", "created_time", "modified_time");
        assertThat(deals.tableColumns()).extracting(Column::name).endsWith("deleted_at", "synced_at", "run_id");
        assertThat(deals.selectFields()).startsWith("Created_Time", "Modified_Time", "Owner", "Deal_Name").doesNotContain("id");
        assertThat(mappings.get("Leads").selectFields()).hasSizeLessThanOrEqualTo(MappingLoader.MAX_SELECT_FIELDS);
        assertThat(deals.dataColumns()).contains(new Column("amount", "numeric(14,2)"), new Column("closing_date", "date"),
                new Column("tag", "text[]"));
    }

    @Test
    void longFormSetsColumnAndLength() throws IOException {
        write("contacts.yaml", """
                module: Contacts
                fields:
                  Email: { type: text, column: email_address, length: 100 }
                  Account_Name: { type: lookup, column: company }
                custom_fields: [Referrer]
                """);

        ModuleMapping m = MappingLoader.load(dir, List.of("Contacts")).get("Contacts");

        assertThat(m.table()).isEqualTo("contacts");
        assertThat(m.field("Email")).isEqualTo(new FieldMapping("Email", FieldType.TEXT, "email_address", 100));
        assertThat(m.dataColumns()).extracting(Column::name).contains("company_id", "company_name");
        assertThat(m.selectFields()).contains("Referrer");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws IOException {
        write("bad.yaml", """
                module: Leads
                colour: red
                fields:
                  Email: txt
                  Phone: { type: integer, length: 5 }
                  Owner: lookup
                  Owner_Name: text
                  Modified_Time: datetime
                  Run: { type: text, column: run_id }
                """);

        assertThatThrownBy(() -> MappingLoader.load(dir, List.of("Leads")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("Email: unknown type 'txt' (known types: text, picklist")
                .hasMessageContaining("Phone: 'length' applies to text and picklist fields only")
                .hasMessageContaining("Owner_Name and Owner both map to column 'owner_name'")
                .hasMessageContaining("Modified_Time is always mirrored")
                .hasMessageContaining("Run: column 'run_id' is reserved");
    }

    @Test
    void tooManyFieldsForOneCoqlQueryAreRefused() throws IOException {
        StringBuilder yaml = new StringBuilder("module: Wide\nfields:\n");
        IntStream.rangeClosed(1, 49).forEach(i -> yaml.append("  Field_").append(i).append(": text\n"));
        write("wide.yaml", yaml.toString());

        assertThatThrownBy(() -> MappingLoader.load(dir, List.of("Wide")))
                .hasMessageContaining("selects 51 Zoho fields")
                .hasMessageContaining("at most 50 columns per query: drop 1 of them");
    }

    @Test
    void missingMappingNamesTheFileToAdd() throws IOException {
        write("leads.yaml", "module: Leads\nfields:\n  Email: text\n");

        assertThatThrownBy(() -> MappingLoader.load(dir, List.of("Leads", "Contacts")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no mapping for module 'Contacts'")
                .hasMessageContaining("mapped modules: [Leads]")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).action()).contains("contacts.yaml"));
    }

    @Test
    void snakeCaseAndLookupPrefixes() {
        assertThat(Names.snakeCase("Annual_Revenue")).isEqualTo("annual_revenue");
        assertThat(Names.snakeCase("SkypeID")).isEqualTo("skype_id");
        assertThat(Names.snakeCase("Enrich_Status__s")).isEqualTo("enrich_status_s");
        assertThat(Names.snakeCase("No_of_Employees")).isEqualTo("no_of_employees");
        assertThat(Names.lookupPrefix("Account_Name")).isEqualTo("account");
        assertThat(Names.lookupPrefix("Owner")).isEqualTo("owner");
        assertThat(Names.lookupPrefix("Created_By")).isEqualTo("created_by");
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }
}
