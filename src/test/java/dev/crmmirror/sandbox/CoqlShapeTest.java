package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape of COQL answers and the errors Zoho gives, through real HTTP. */
class CoqlShapeTest {
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}";
    private static ZohoSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(Instant.parse("2024-06-05T09:04:09Z"));
        sandbox.module("Leads").generate(300);
        sandbox.module("Deals").generate(80);
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void rowsCarryExactlyTheSelectedFieldsPlusId() {
        SandboxClient.Response response = client.coql("select Last_Name, Email, Languages_Known from Leads "
                + "where id is not null limit 5");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("info").get("count").asInt()).isEqualTo(5);
        assertThat(body.get("info").get("more_records").asBoolean()).isTrue();
        assertThat(fieldNames(body.get("info"))).containsExactlyInAnyOrder("count", "more_records");
        for (JsonNode row : body.get("data")) {
            assertThat(fieldNames(row)).containsExactlyInAnyOrder("Last_Name", "Email", "Languages_Known", "id");
            assertThat(row.get("id").isTextual()).isTrue();
            assertThat(row.get("id").asText()).matches("\\d{19}");
            assertThat(row.get("Languages_Known").isArray() || row.get("Languages_Known").isNull()).isTrue();
        }
    }

    @Test
    void lookupsComeAsNameAndIdWithTheUsersLastNameAndDottedColumnsAsFlatKeys() {
        JsonNode rows = client.coql("select Owner, Owner.last_name, Owner.first_name, Owner.email from Leads "
                + "where id is not null limit 50").json().get("data");

        for (JsonNode row : rows) {
            assertThat(fieldNames(row.get("Owner"))).containsExactlyInAnyOrder("name", "id");
            assertThat(row.get("Owner").get("name").asText()).isEqualTo(row.get("Owner.last_name").asText());
            assertThat(row.get("Owner.email").asText()).contains("@");
            assertThat(row.has("Owner.first_name")).isTrue();
        }
        JsonNode deals = client.coql("select Account_Name, Account_Name.Account_Name, Contact_Name.Last_Name "
                + "from Deals where Account_Name is not null limit 50").json().get("data");
        assertThat(deals).isNotEmpty();
        for (JsonNode row : deals) {
            assertThat(row.get("Account_Name").get("name").asText()).isEqualTo(row.get("Account_Name.Account_Name").asText());
            assertThat(row.get("Account_Name").get("id").asText()).matches("\\d{19}");
        }
    }

    @Test
    void datetimesCarryTheRecordsOffsetAtSecondPrecisionAndOffsetsVary() {
        JsonNode rows = client.coql("select Created_Time, Modified_Time from Leads where id is not null limit 200")
                .json().get("data");

        Set<String> offsets = new HashSet<>();
        for (JsonNode row : rows) {
            String modified = row.get("Modified_Time").asText();
            assertThat(modified).matches(DATETIME);
            assertThat(row.get("Created_Time").asText()).matches(DATETIME);
            offsets.add(modified.substring(19));
        }
        assertThat(offsets).contains("+05:30", "-07:00", "+00:00", "+09:00", "-03:00");
    }

    @Test
    void emojiTravelAsRawUtf8NotAsEscapedSurrogates() {
        String body = client.coql("select Last_Name, Company from Leads where id is not null limit 300").body();

        assertThat(body.codePoints().anyMatch(Character::isSupplementaryCodePoint)).isTrue();
        assertThat(body).doesNotContain("\\uD8");
    }

    @Test
    void noRowsIs204WithAnEmptyBody() {
        SandboxClient.Response response = client.coql("select Last_Name from Leads where Last_Name = 'Nobody at all'");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void defaultsAreLimit200OrderedByIdAscending() {
        JsonNode body = client.coql("select Last_Name from Leads where id is not null").json();

        List<BigInteger> ids = ids(body);
        assertThat(ids).hasSize(200).isSorted();
        assertThat(body.get("info").get("more_records").asBoolean()).isTrue();
    }

    @Test
    void bothLimitFormsPageTheSameWay() {
        List<BigInteger> first50 = ids(client.coql("select id from Leads where id is not null limit 50").json());
        List<BigInteger> countThenOffset = ids(client.coql("select id from Leads where id is not null limit 10 offset 20").json());
        List<BigInteger> offsetCommaCount = ids(client.coql("select id from Leads where id is not null limit 20, 10").json());

        assertThat(countThenOffset).isEqualTo(first50.subList(20, 30));
        assertThat(offsetCommaCount).isEqualTo(countThenOffset);
    }

    @Test
    void moreRecordsIsFalseOnTheLastPage() {
        JsonNode body = client.coql("select id from Leads where id is not null limit 100 offset 200").json();

        assertThat(body.get("info").get("count").asInt()).isEqualTo(100);
        assertThat(body.get("info").get("more_records").asBoolean()).isFalse();
    }

    @Test
    void limitAbove2000IsRefused() {
        assertThat(client.coql("select id from Leads where id is not null limit 2000").status()).isEqualTo(200);
        assertError(client.coql("select id from Leads where id is not null limit 2001"), "LIMIT_EXCEEDED");
    }

    @Test
    void offsetPlusLimitBeyond100000IsRefused() {
        assertThat(client.coql("select id from Leads where id is not null limit 2000 offset 98000").status()).isEqualTo(204);
        JsonNode error = assertError(client.coql("select id from Leads where id is not null limit 98001, 2000"),
                "LIMIT_EXCEEDED");
        assertThat(error.get("message").asText()).isEqualTo("Max records limit exceeded");
    }

    @Test
    void moreThan50ColumnsAreRefused() {
        List<String> names = sandbox.module("Leads").fields().stream().map(FieldDef::apiName).toList();
        String fifty = String.join(", ", names.subList(0, 50));
        String fiftyOne = String.join(", ", names.subList(0, 51));

        assertThat(client.coql("select " + fifty + " from Leads where id is not null limit 3").status()).isEqualTo(200);
        JsonNode error = assertError(client.coql("select " + fiftyOne + " from Leads where id is not null"),
                "LIMIT_EXCEEDED");
        assertThat(error.get("details").get("clause").asText()).isEqualTo("select");
    }

    @Test
    void moreThanTwoCriteriaNeedPairwiseBrackets() {
        JsonNode error = assertError(client.coql("select id from Leads where Last_Name is not null "
                + "and Company is not null and id is not null"), "SYNTAX_ERROR");
        assertThat(error.get("message").asText()).isEqualTo("invalid query formed");
        assertThat(error.get("details").get("near").asText()).isEqualTo("and");
        assertThat(error.get("details").get("line").asInt()).isEqualTo(1);
        assertThat(error.get("details").get("column").asInt()).isEqualTo(74);

        assertThat(client.coql("select id from Leads where (Last_Name is not null and Company is not null) "
                + "and id is not null").status()).isEqualTo(200);
        assertThat(client.coql("select id from Leads where ((Last_Name is not null and Company is not null) "
                + "and id is not null)").status()).isEqualTo(200);
    }

    @Test
    void whereIsMandatory() {
        assertError(client.coql("select Last_Name from Leads"), "SYNTAX_ERROR");
        assertError(client.coql("select Last_Name from Leads order by id limit 5"), "SYNTAX_ERROR");
    }

    @Test
    void backslashEscapesQuotesAndBackslashesInLiterals() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "5725767999999999001");
        record.put("Last_Name", "O'Brien \\ \"the\" 2nd");
        record.put("Modified_Time", "2024-06-01T10:00:00+05:30");
        sandbox.module("Leads").put(record);

        JsonNode rows = client.coql("select Last_Name from Leads where Last_Name = 'O\\'Brien \\\\ \"the\" 2nd'")
                .json().get("data");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("Last_Name").asText()).isEqualTo("O'Brien \\ \"the\" 2nd");
        assertThat(rows.get(0).get("id").asText()).isEqualTo("5725767999999999001");
    }

    @Test
    void unknownColumnsAndModulesAreInvalidQueries() {
        JsonNode column = assertError(client.coql("select Nickname from Leads where id is not null"), "INVALID_QUERY");
        assertThat(column.get("message").asText()).isEqualTo("column given seems to be invalid");
        assertThat(column.get("details").get("column_name").asText()).isEqualTo("Nickname");

        JsonNode dotted = assertError(client.coql("select Owner.nickname from Leads where id is not null"), "INVALID_QUERY");
        assertThat(dotted.get("details").get("column_name").asText()).isEqualTo("Owner.nickname");

        JsonNode module = assertError(client.coql("select id from Leeds where id is not null"), "INVALID_QUERY");
        assertThat(module.get("details").get("module").asText()).isEqualTo("Leeds");
        assertError(client.coql("select id from leads where id is not null"), "INVALID_QUERY");
    }

    @Test
    void valuesOfTheWrongTypeAreInvalidQueries() {
        for (String criterion : List.of("Modified_Time > 'yesterday'", "Modified_Time > '2024-06-05 02:04:09'",
                "No_of_Employees = 'many'", "Email_Opt_Out = 'maybe'", "Last_Name = 42", "Owner = 'Boyle'")) {
            JsonNode error = assertError(client.coql("select id from Leads where " + criterion), "INVALID_QUERY");
            assertThat(error.get("message").asText()).as(criterion)
                    .isEqualTo("value given seems to be invalid for the column");
        }
    }

    @Test
    void multiLineFieldsCannotBeCriteria() {
        JsonNode error = assertError(client.coql("select id from Leads where Description is not null"), "INVALID_QUERY");
        assertThat(error.get("message").asText()).isEqualTo("data type not supported");
    }

    @Test
    void collectionLimitsAreEnforced() {
        String fiftyOneValues = java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "'v" + i + "'")
                .collect(Collectors.joining(","));
        assertError(client.coql("select id from Leads where Last_Name in (" + fiftyOneValues + ")"), "LIMIT_EXCEEDED");

        String criteria = "id is not null";
        for (int i = 0; i < 25; i++) criteria = "(" + criteria + " and id is not null)";
        assertError(client.coql("select id from Leads where " + criteria), "LIMIT_EXCEEDED");

        List<String> orderBy = sandbox.module("Leads").fields().stream().map(FieldDef::apiName)
                .filter(name -> List.of("Company", "Email", "Phone", "Mobile", "City", "State", "Country", "Street",
                        "Zip_Code", "First_Name", "Last_Name").contains(name)).toList();
        assertError(client.coql("select id from Leads where id is not null order by " + String.join(", ", orderBy)),
                "LIMIT_EXCEEDED");
    }

    @Test
    void quotedColumnNamesSelectTheField() {
        JsonNode row = client.coql("select 'Last_Name' from Leads where id is not null limit 1").json().get("data").get(0);
        assertThat(fieldNames(row)).containsExactlyInAnyOrder("Last_Name", "id");
    }

    @Test
    void errorBodiesHaveZohosFourKeys() {
        JsonNode error = client.coql("select from Leads where id is not null").json();
        assertThat(fieldNames(error)).containsExactly("code", "details", "message", "status");
        assertThat(error.get("status").asText()).isEqualTo("error");
    }

    private static JsonNode assertError(SandboxClient.Response response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(body.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.get("status").asText()).isEqualTo("error");
        return body;
    }

    private static List<BigInteger> ids(JsonNode body) {
        List<BigInteger> ids = new ArrayList<>();
        body.get("data").forEach(row -> ids.add(new BigInteger(row.get("id").asText())));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
