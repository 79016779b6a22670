package dev.crmmirror.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.RawRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordMapper mapper = new RecordMapper();
    private final ModuleMapping mapping = new ModuleMapping("Leads", "leads", List.of(
            field("Last_Name", FieldType.TEXT),
            new FieldMapping("Zip_Code", FieldType.TEXT, "zip_code", 10),
            field("Lead_Status", FieldType.PICKLIST),
            field("No_of_Employees", FieldType.INTEGER),
            field("EAN_Code", FieldType.BIGINT),
            field("Exchange_Rate", FieldType.DECIMAL),
            field("Annual_Revenue", FieldType.CURRENCY),
            field("Email_Opt_Out", FieldType.BOOLEAN),
            field("Closing_Date", FieldType.DATE),
            field("Last_Activity_Time", FieldType.DATETIME),
            field("Languages_Known", FieldType.MULTISELECT),
            new FieldMapping("Owner", FieldType.LOOKUP, "owner", FieldMapping.DEFAULT_MAX_LENGTH),
            field("Extra", FieldType.JSON)), List.of("Referrer"), Path.of("leads.yaml"));

    private static FieldMapping field(String api, FieldType type) {
        return new FieldMapping(api, type, Names.snakeCase(api), FieldMapping.DEFAULT_MAX_LENGTH);
    }

    @Test
    void mapsEveryTypeToItsColumnValue() throws Exception {
        MappedRecord result = mapper.map(mapping, record("""
                {"id":"5725767000000411001","Created_Time":"2024-01-02T03:04:05Z",
                 "Modified_Time":"2024-06-05T02:04:09+05:30",
                 "Last_Name":"  O'Brien  ","Zip_Code":"11953","Lead_Status":"Contacted",
                 "No_of_Employees":250,"EAN_Code":"0012345600012","Exchange_Rate":1.234567,
                 "Annual_Revenue":850000.10,"Email_Opt_Out":false,"Closing_Date":"2024-08-16",
                 "Last_Activity_Time":"2024-06-05T02:04:09.123-07:00",
                 "Languages_Known":["English","Deutsch"],
                 "Owner":{"name":"Boyle","id":"5725767000000411002"},
                 "Extra":{"a":[1,2]},"Referrer":"https://example.com",
                 "Unknown_Field":"kept","$currency_symbol":"$","$approval":{"approve":false}}"""));

        assertThat(result).isInstanceOf(MappedRecord.Row.class);
        Object[] v = ((MappedRecord.Row) result).values();
        assertThat(mapping.dataColumns()).extracting(Column::name).containsExactly("id", "last_name", "zip_code", "lead_status",
                "no_of_employees", "ean_code", "exchange_rate", "annual_revenue", "email_opt_out", "closing_date",
                "last_activity_time", "languages_known", "owner_id", "owner_name", "extra", "custom_fields", "created_time",
                "modified_time");
        assertThat(v[0]).isEqualTo("5725767000000411001");
        assertThat(v[1]).isEqualTo("O'Brien");
        assertThat(v[4]).isEqualTo(250);
        assertThat(v[5]).isEqualTo(12345600012L);
        assertThat(v[6]).isEqualTo(new BigDecimal("1.234567"));
        assertThat((BigDecimal) v[7]).isEqualByComparingTo("850000.10");
        assertThat(v[8]).isEqualTo(false);
        assertThat(v[9]).isEqualTo(LocalDate.of(2024, 8, 16));
        assertThat(v[10]).isEqualTo(Instant.parse("2024-06-05T09:04:09.123Z"));
        assertThat((String[]) v[11]).containsExactly("English", "Deutsch");
        assertThat(v[12]).hasToString("5725767000000411002");
        assertThat(v[13]).hasToString("Boyle");
        assertThat(JSON.readTree((String) v[14])).isEqualTo(JSON.readTree("{\"a\":[1,2]}"));
        assertThat(JSON.readTree((String) v[15])).isEqualTo(JSON.readTree("{\"Referrer\":\"https://example.com\",\"Unknown_Field\":\"kept\"}"));
        assertThat(v[16]).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(v[17]).isEqualTo(Instant.parse("2024-06-04T20:34:09Z"));
        assertThat(result.position()).isEqualTo(new Cursor(Instant.parse("2024-06-04T20:34:09Z"), "5725767000000411001"));
    }

    @Test
    void nullsAndAbsentFieldsBecomeNullColumns() {
        MappedRecord result = mapper.map(mapping, record("{\"id\":\"1\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Owner\":null,\"Tags\":null}"));

        Object[] v = ((MappedRecord.Row) result).values();
        assertThat(v[12]).isNull();
        assertThat(v[13]).isNull();
        assertThat(v[15]).as("custom_fields without values").isNull();
    }

    @Test
    void looserShapesZohoAlsoSendsAreAccepted() {
        MappedRecord result = mapper.map(mapping, record("""
                {"id":1234,"Modified_Time":"2024-06-05T02:04:09Z","No_of_Employees":"42","Email_Opt_Out":"TRUE",
                 "Languages_Known":"English;German","Owner":"5725767000000411002","Annual_Revenue":"12.5"}"""));

        Object[] v = ((MappedRecord.Row) result).values();
        assertThat(v[0]).isEqualTo("1234");
        assertThat(v[4]).isEqualTo(42);
        assertThat(v[8]).isEqualTo(true);
        assertThat((String[]) v[11]).containsExactly("English", "German");
        assertThat(v[12]).isEqualTo("5725767000000411002");
        assertThat(v[13]).isNull();
        assertThat((BigDecimal) v[7]).isEqualByComparingTo("12.5");
    }

    @Test
    void multiselectValuesComeAsListsTagsOrSemicolonText() {
        assertThat(languages("[\" English \",\"Deutsch\"]")).containsExactly("English", "Deutsch");
        assertThat(languages("[{\"name\":\"VIP\",\"id\":\"1\"},{\"name\":\"Hot \",\"id\":\"2\"}]")).containsExactly("VIP", "Hot");
        assertThat(languages("\"English; ;Deutsch;\"")).containsExactly("English", "Deutsch");
        assertThat(languages("\";\"")).isEmpty();
        assertThat(languages("[]")).isEmpty();

        MappedRecord notText = mapper.map(mapping, record("{\"id\":\"1\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Languages_Known\":[\"English\",7]}"));
        assertThat(((MappedRecord.Rejected) notText).reason()).isEqualTo("Languages_Known: expected a list of texts, got an item number 7");
    }

    private String[] languages(String json) {
        MappedRecord result = mapper.map(mapping, record("{\"id\":\"1\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Languages_Known\":" + json + "}"));
        return (String[]) ((MappedRecord.Row) result).values()[11];
    }

    @Test
    void lookupsAreReadWhateverTheirOtherMembersAndEscapes() {
        // plain id and name: the bytes as sent, whatever else the object holds, even members named alike deeper down
        Object[] plain = owner("{\"email\":\"a@b.test\",\"id\":\"1\",\"extra\":{\"id\":\"x\",\"name\":[{\"name\":\"y\"}]},\"name\":\"N\"}");
        assertThat(plain[12]).isInstanceOf(Utf8Text.class).hasToString("1");
        assertThat(plain[13]).isInstanceOf(Utf8Text.class).hasToString("N");
        assertThat(owner("{\"id\":\"1\",\"name\":null}")[13]).isNull();
        // escapes, spaces to strip, a numeric id: decoded and checked
        Object[] decoded = owner("{\"name\":\"\\\"The Rock\\\" Johnson \",\"id\":5725767000000411050}");
        assertThat(decoded[12]).isEqualTo("5725767000000411050");
        assertThat(decoded[13]).isEqualTo("\"The Rock\" Johnson");

        for (String wrong : List.of("{\"name\":\"N\"}", "{\"id\":{\"a\":1},\"name\":\"N\"}", "{\"id\":true}")) {
            MappedRecord r = mapper.map(mapping, record("{\"id\":\"1\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Owner\":" + wrong + "}"));
            assertThat(((MappedRecord.Rejected) r).reason()).as(wrong).startsWith("Owner: expected a lookup {\"id\": ..., \"name\": ...}, got ");
        }
    }

    private Object[] owner(String json) {
        return ((MappedRecord.Row) mapper.map(mapping, record("{\"id\":\"1\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Owner\":" + json + "}"))).values();
    }

    @Test
    void aRecordThatCannotBeMappedIsRejectedWithEveryReason() {
        MappedRecord result = mapper.map(mapping, record("""
                {"id":"77","Modified_Time":"2024-06-05T02:04:09Z","No_of_Employees":"many","Annual_Revenue":1e13,
                 "Email_Opt_Out":"maybe","Closing_Date":"16/08/2024","Last_Activity_Time":"2024-06-05 02:04",
                 "Zip_Code":"12345678901","Owner":[1]}"""));

        assertThat(result).isInstanceOf(MappedRecord.Rejected.class);
        MappedRecord.Rejected r = (MappedRecord.Rejected) result;
        assertThat(r.zohoId()).isEqualTo("77");
        assertThat(r.position()).isEqualTo(new Cursor(Instant.parse("2024-06-05T02:04:09Z"), "77"));
        assertThat(r.reason())
                .contains("No_of_Employees: expected a whole number, got text \"many\"")
                .contains("Annual_Revenue: 10000000000000 does not fit numeric(14,2)")
                .contains("Email_Opt_Out: expected true or false, got text \"maybe\"")
                .contains("Closing_Date: expected a date (YYYY-MM-DD)")
                .contains("Last_Activity_Time: expected a date-time with an offset")
                .contains("Zip_Code: value is 11 characters long, over the mapping's limit of 10")
                .contains("Owner: expected a lookup");
    }

    @Test
    void missingIdOrModifiedTimeIsRejectedWithoutAPosition() {
        MappedRecord noId = mapper.map(mapping, record("{\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Last_Name\":\"x\"}"));
        MappedRecord badId = mapper.map(mapping, record("{\"id\":\"12; drop table\",\"Modified_Time\":\"2024-06-05T02:04:09Z\"}"));
        MappedRecord noTime = mapper.map(mapping, record("{\"id\":\"5\"}"));

        assertThat(((MappedRecord.Rejected) noId).reason()).isEqualTo("id is missing");
        assertThat(noId.position()).isNull();
        assertThat(((MappedRecord.Rejected) badId).reason()).contains("is not a Zoho record id");
        assertThat(((MappedRecord.Rejected) noTime).reason()).contains("Modified_Time is missing");
        assertThat(noTime.position()).isNull();
    }

    @Test
    void charactersPostgresCannotStoreAreRejectedAndTheRawRecordStaysStorable() {
        // JSON escapes, as Zoho would send them: a NUL and a lone high surrogate
        String rec = "{\"id\":\"9\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Last_Name\":\"nul\\u0000here\","
                + "\"Lead_Status\":\"broken\\ud800surrogate\",\"Unknown\":\"also\\u0000nul\"}";

        MappedRecord.Rejected r = (MappedRecord.Rejected) mapper.map(mapping, record(rec));

        assertThat(r.reason()).contains("Last_Name: contains a NUL character (U+0000)")
                .contains("Lead_Status: contains a broken UTF-16 surrogate")
                .contains("custom_fields.Unknown: contains a NUL character");
        assertThat(r.rawJson()).doesNotContain("\u0000").doesNotContain("\uD800")
                .contains("nul\\\\u0000here").contains("broken\\\\ud800surrogate");
    }

    @Test
    void validSurrogatePairsAndUnicodeAreKept() {
        MappedRecord result = mapper.map(mapping, record("{\"id\":\"9\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Last_Name\":\"山田 Zoë 😀\"}"));

        assertThat(((MappedRecord.Row) result).values()[1]).hasToString("山田 Zoë 😀");
    }

    @Test
    void recordsOfAPageThatChangeTheirFieldOrderMapAsEachDoesAlone() {
        List<String> records = List.of(
                "{\"id\":\"1\",\"Modified_Time\":\"2024-06-05T02:04:09Z\",\"Last_Name\":\"A\",\"Zip_Code\":\"1\",\"Referrer\":\"r1\"}",
                // same fields, another order; a Zoho metadata field; one field missing
                "{\"Zip_Code\":\"2\",\"$state\":{\"x\":1},\"id\":\"2\",\"Modified_Time\":\"2024-06-05T02:04:10Z\",\"Referrer\":\"r2\"}",
                // more fields than the first record, and an unmapped one where a mapped one was
                "{\"id\":\"3\",\"Modified_Time\":\"2024-06-05T02:04:11Z\",\"Other\":\"o\",\"Zip_Code\":\"3\",\"Referrer\":\"r3\","
                        + "\"No_of_Employees\":3,\"Owner\":{\"id\":\"9\",\"name\":\"N\"}}",
                "{\"id\":\"4\",\"Modified_Time\":\"2024-06-05T02:04:12Z\",\"Last_Name\":\"D\",\"Zip_Code\":\"4\",\"Referrer\":\"r4\"}");
        // a page in another order first: the next page starts from what it learnt
        mapper.map(dev.crmmirror.zoho.CoqlPage.of("Leads", 1, List.of(records.get(2), records.get(1)), true), mapping).records().size();
        MappedPage first = mapper.map(dev.crmmirror.zoho.CoqlPage.of("Leads", 1, List.of(records.get(2), records.get(1)), true), mapping);
        first.records().forEach(r -> assertThat(r).isInstanceOf(MappedRecord.Row.class));
        MappedPage page = mapper.map(dev.crmmirror.zoho.CoqlPage.of("Leads", 2, records, false), mapping);

        assertThat(page.records()).hasSize(4);
        for (int i = 0; i < records.size(); i++) {
            Object[] alone = ((MappedRecord.Row) mapper.map(mapping, record(records.get(i)))).values();
            Object[] inPage = ((MappedRecord.Row) page.records().get(i)).values();
            assertThat(inPage).as(records.get(i)).containsExactly(alone);
        }
        Object[] third = ((MappedRecord.Row) page.records().get(2)).values();
        assertThat(third[4]).isEqualTo(3);
        assertThat(third[12]).hasToString("9");
        assertThat(third[13]).hasToString("N");
        assertThat((String) third[15]).contains("\"Other\":\"o\"").contains("\"Referrer\":\"r3\"");
        assertThat(((MappedRecord.Row) page.records().get(3)).values()[1]).hasToString("D"); // a text column: the bytes as sent
    }

    private static RawRecord record(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new RawRecord(bytes, 0, bytes.length);
    }

    private static RawRecord record(ObjectNode json) {
        return record(json.toString());
    }
}
