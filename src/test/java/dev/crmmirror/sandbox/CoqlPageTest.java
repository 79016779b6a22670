package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.crmmirror.sandbox.coql.Column;
import dev.crmmirror.sandbox.coql.CompiledQuery;
import dev.crmmirror.sandbox.coql.QueryCompiler;
import dev.crmmirror.sandbox.coql.QueryExecutor;
import dev.crmmirror.sandbox.coql.QueryResult;
import dev.crmmirror.sandbox.data.Directory;
import dev.crmmirror.sandbox.data.IdSequence;
import dev.crmmirror.sandbox.data.RecordView;
import dev.crmmirror.sandbox.data.StandardModules;
import dev.crmmirror.sandbox.data.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages assembled from the values records rendered when stored are exactly the pages of the generic path:
 * every value computed and serialised on the fly, as the sandbox did before records kept their JSON.
 */
class CoqlPageTest {
    private static final String ALL_RECORDS = " where Modified_Time >= '1970-01-01T00:00:00+00:00'";
    private static Directory directory;
    private static Map<String, SandboxModule> modules;

    @BeforeAll
    static void fillModulesWithEveryKindOfRecord() {
        IdSequence ids = new IdSequence();
        directory = Directory.create(3, ids);
        AdjustableClock clock = new AdjustableClock();
        clock.set(Instant.parse("2024-06-05T09:04:09Z"));
        SandboxModule leads = new SandboxModule(StandardModules.leads(), directory, ids, clock, 11);
        SandboxModule deals = new SandboxModule(StandardModules.deals(), directory, ids, clock, 12);
        modules = Map.of("Leads", leads, "Deals", deals);

        List<String> old = leads.generate(300);
        deals.generate(100);
        clock.advance(Duration.ofHours(1));
        leads.editRandom(40);
        deals.editRandom(20);
        leads.edit(old.get(0), Map.of("Last_Name", "Nguyễn-O'Hara \"😀\" \\", "Annual_Revenue", new BigDecimal("12.30")));
        leads.edit(old.get(1), Map.of("Modified_Time", "2020-01-01T00:00:00+00:00"));
        leads.edit(old.get(2), Map.of("Owner", Map.of("name", "Stranger", "id", "42")));
        leads.edit(old.get(3), Map.of("Description", "too long to keep rendered ".repeat(3000)));
        leads.edit(old.get(4), Map.of("No_of_Employees", "not a number", "Tag", List.of()));
        Map<String, Object> verbatim = new LinkedHashMap<>();
        verbatim.put("id", "5725767000009999999");
        verbatim.put("Last_Name", null);
        verbatim.put("Annual_Revenue", "not a number");
        verbatim.put("Modified_Time", "2024-01-01T00:00:00Z");
        leads.put(verbatim);
        leads.put(Map.of("Last_Name", "Ghost", "Modified_Time", "2024-02-01T00:00:00+00:00"));

        // schema drift: older records have no values for the new fields until edited
        leads.addField("Budget_Code", "text");
        leads.addField("Partner", "lookup");
        leads.create(30);
        leads.edit(old.get(5), Map.of("Budget_Code", "B-7"));
        leads.edit(old.get(6), Map.of("City", "Zürich"));
        clock.advance(Duration.ofHours(1));
        leads.editRandom(40);
        leads.addField("Late_Field", "integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select Created_Time, Modified_Time, Owner, Salutation, First_Name, Last_Name, Full_Name, Designation, Company,"
                + " Email, Secondary_Email, Phone, Mobile, Fax, Website, Skype_ID, Twitter, Lead_Source, Lead_Status,"
                + " Industry, Rating, Annual_Revenue, No_of_Employees, Currency, Exchange_Rate, Email_Opt_Out, Street,"
                + " City, State, Zip_Code, Country, Description, Created_By, Modified_By, Last_Activity_Time,"
                + " Converted__s, Converted_Date_Time, Converted_Account, Converted_Contact, Converted_Deal,"
                + " Record_Status__s, Unsubscribed_Mode, Unsubscribed_Time, Visitor_Score, Days_Visited,"
                + " Average_Time_Spent_Minutes, First_Visited_Time, Last_Visited_Time, Tag, Languages_Known from Leads"
                + ALL_RECORDS + " order by Modified_Time asc, id asc limit 2000",
        "select id, Last_Name, Budget_Code, Partner, Late_Field from Leads" + ALL_RECORDS + " limit 2000",
        "select Last_Name, id, Owner.last_name, Owner.email, Partner.Account_Name, Record_Image, Layout, Territories"
                + " from Leads where id is not null order by Modified_Time desc limit 2000",
        "select Partner, Owner.id, Budget_Code from Leads where id is not null limit 5",
        "select Tag, Languages_Known, Data_Processing_Basis_Details from Leads where Last_Name is not null"
                + " order by Last_Name desc, City limit 100 offset 7",
        "select id from Leads" + ALL_RECORDS + " order by id desc limit 2000",
        "select Deal_Name, Stage, Amount, Expected_Revenue, Probability, Closing_Date, Account_Name,"
                + " Account_Name.Account_Name, Contact_Name.Last_Name, Exchange_Rate from Deals where id is not null"
                + " order by Modified_Time asc limit 2000"})
    void pagesAreTheGenericPathsBytes(String query) {
        CompiledQuery compiled = compile(query);
        QueryResult result = QueryExecutor.execute(compiled, modules.get(compiled.module()).store(), directory);
        assertThat(result.rows()).hasSizeGreaterThan(1);

        String generic = text(reference(compiled, result));
        assertThat(text(CoqlPage.render(compiled, result))).isEqualTo(generic);
        assertThat(text(CoqlPage.render(compiled, withoutRenderedJson(compiled, result)))).isEqualTo(generic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Leads", "Deals"})
    void theseRecordsCoverRenderedAndUnrenderedOnes(String module) {
        CompiledQuery compiled = compile("select id from " + module + " where id is not null limit 2000");
        List<RecordView> rows = QueryExecutor.execute(compiled, modules.get(module).store(), directory).rows();
        Predicate<RecordView> rendered = row -> row.record().json() != null;

        assertThat(rows).anyMatch(rendered);
        if (module.equals("Leads")) assertThat(rows).anyMatch(rendered.negate());
    }

    private static CompiledQuery compile(String query) {
        return QueryCompiler.compile(query,
                name -> modules.containsKey(name) ? modules.get(name).schema() : null);
    }

    /** The same rows as records that kept no JSON, so that every value is computed on the fly. */
    private static QueryResult withoutRenderedJson(CompiledQuery query, QueryResult result) {
        return new QueryResult(result.rows().stream().map(row -> {
            StoredRecord r = row.record();
            StoredRecord bare = new StoredRecord(r.key(), r.id(), r.generated(), r.seed(), r.width(), r.createdEpoch(),
                    r.modifiedEpoch(), r.sortEpoch(), r.overrides(), null);
            return new RecordView(query.schema(), bare, directory);
        }).toList(), result.moreRecords());
    }

    /** The sandbox's answer body as it was written before records kept their JSON. */
    private static byte[] reference(CompiledQuery query, QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("data");
            boolean idSelected = query.columns().stream().anyMatch(c -> c.name().equals("id"));
            for (RecordView record : result.rows()) {
                json.writeStartObject();
                for (Column column : query.columns()) {
                    if (column.name().equals("id") && record.id() == null) continue;
                    json.writeObjectField(column.name(), column.value(record));
                }
                if (!idSelected && record.id() != null) json.writeObjectField("id", record.value("id"));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("info");
            json.writeNumberField("count", result.rows().size());
            json.writeBooleanField("more_records", result.moreRecords());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
