package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each operator selects exactly the records a plain Java filter over {@link SandboxModule#liveRecords()} selects. */
class CoqlCriteriaTest {
    private static ZohoSandbox sandbox;
    private static SandboxClient client;
    private static Collection<Map<String, Object>> leads;

    @BeforeAll
    static void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(Instant.parse("2024-06-05T09:04:09Z"));
        SandboxModule module = sandbox.module("Leads");
        module.generate(600);
        module.deleteRandom(40);
        leads = module.liveRecords().values();
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void textOperators() {
        assertSelects("Lead_Source = 'Cold Call'", r -> "Cold Call".equals(r.get("Lead_Source")));
        assertSelects("Lead_Source != 'Cold Call'", r -> r.get("Lead_Source") != null && !"Cold Call".equals(r.get("Lead_Source")));
        assertSelects("Lead_Source in ('Partner', 'Trade Show', 'Chat')",
                r -> r.get("Lead_Source") != null && Set.of("Partner", "Trade Show", "Chat").contains(r.get("Lead_Source")));
        assertSelects("Lead_Source not in ('Partner', 'Trade Show')",
                r -> r.get("Lead_Source") != null && !Set.of("Partner", "Trade Show").contains(r.get("Lead_Source")));
        assertSelects("Company like '%Ltd'", r -> ((String) r.get("Company")).endsWith("Ltd"));
        assertSelects("Company like 'Zylker%'", r -> ((String) r.get("Company")).startsWith("Zylker"));
        assertSelects("Company like '%ü%'", r -> ((String) r.get("Company")).contains("ü"));
        assertSelects("Company not like '%GmbH%'", r -> !((String) r.get("Company")).contains("GmbH"));
        assertSelects("First_Name is null", r -> r.get("First_Name") == null);
        assertSelects("First_Name is not null", r -> r.get("First_Name") != null);
    }

    @Test
    void numberOperators() {
        assertSelects("Annual_Revenue >= 25000000", r -> decimal(r.get("Annual_Revenue")) >= 25_000_000);
        assertSelects("Annual_Revenue between 1000000 and 5000000.50",
                r -> r.get("Annual_Revenue") != null && decimal(r.get("Annual_Revenue")) >= 1_000_000
                        && decimal(r.get("Annual_Revenue")) <= 5_000_000.50);
        assertSelects("No_of_Employees not between 100 and 200000",
                r -> r.get("No_of_Employees") != null && ((Integer) r.get("No_of_Employees") < 100
                        || (Integer) r.get("No_of_Employees") > 200_000));
        assertSelects("No_of_Employees < '5000'",
                r -> r.get("No_of_Employees") != null && (Integer) r.get("No_of_Employees") < 5000);
    }

    @Test
    void datetimesCompareAsInstantsWhateverTheOffset() {
        String from = "2023-05-28T04:25:36-07:00";
        String to = "2024-01-28T04:25:36+05:30";
        assertSelects("Created_Time between '" + from + "' and '" + to + "'",
                r -> !instant(r.get("Created_Time")).isBefore(instant(from)) && !instant(r.get("Created_Time")).isAfter(instant(to)));
        assertSelects("((Created_Time < '" + from + "') or (Modified_Time > '" + to + "'))",
                r -> instant(r.get("Created_Time")).isBefore(instant(from)) || instant(r.get("Modified_Time")).isAfter(instant(to)));
        assertSelects("Last_Activity_Time is null", r -> r.get("Last_Activity_Time") == null);
    }

    @Test
    void idsCompareNumerically() {
        List<String> ids = new ArrayList<>();
        leads.forEach(r -> ids.add((String) r.get("id")));
        String middle = ids.get(ids.size() / 2);
        assertSelects("id > '" + middle + "'", r -> new BigDecimal((String) r.get("id")).compareTo(new BigDecimal(middle)) > 0);
        assertSelects("id <= " + middle, r -> new BigDecimal((String) r.get("id")).compareTo(new BigDecimal(middle)) <= 0);
        assertSelects("id in ('" + ids.get(3) + "', " + ids.get(7) + ")",
                r -> r.get("id").equals(ids.get(3)) || r.get("id").equals(ids.get(7)));
    }

    @Test
    void lookupsBooleansAndPicklistSets() {
        @SuppressWarnings("unchecked")
        String owner = (String) ((Map<String, Object>) leads.iterator().next().get("Owner")).get("id");
        assertSelects("Owner = '" + owner + "'", r -> owner.equals(lookupId(r.get("Owner"))));
        assertSelects("Owner != '" + owner + "'", r -> !owner.equals(lookupId(r.get("Owner"))));
        assertSelects("Email_Opt_Out = 'true'", r -> Boolean.TRUE.equals(r.get("Email_Opt_Out")));
        assertSelects("Languages_Known = 'English;German'", r -> List.of("English", "German").equals(r.get("Languages_Known")));
        assertSelects("Owner.last_name = 'O\\'Brien'", r -> "O'Brien".equals(ownerLastName(r)));
    }

    @Test
    void andOrAndBrackets() {
        assertSelects("((Lead_Source = 'Partner' or Lead_Source = 'Chat') and (First_Name is null or Email_Opt_Out = 'true'))",
                r -> (("Partner".equals(r.get("Lead_Source")) || "Chat".equals(r.get("Lead_Source"))))
                        && (r.get("First_Name") == null || Boolean.TRUE.equals(r.get("Email_Opt_Out"))));
    }

    @Test
    void sortsByAnyColumnWithEmptyValuesFirst() {
        List<JsonNode> rows = all("select First_Name, Modified_Time from Leads where id is not null "
                + "order by First_Name asc, Modified_Time desc");

        assertThat(rows).hasSize(leads.size());
        Comparator<JsonNode> expected = Comparator.comparing((JsonNode row) -> row.get("First_Name").isNull() ? null
                        : row.get("First_Name").asText(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(row -> instant(row.get("Modified_Time").asText()), Comparator.reverseOrder());
        assertThat(rows).isSortedAccordingTo(expected);
    }

    @Test
    void deletedRecordsNeverMatch() {
        Set<String> deleted = sandbox.module("Leads").deletedRecords().keySet();
        List<String> returned = all("select id from Leads where id is not null").stream()
                .map(row -> row.get("id").asText()).toList();

        assertThat(deleted).hasSize(40);
        assertThat(returned).hasSize(leads.size()).doesNotContainAnyElementsOf(deleted);
    }

    private static void assertSelects(String criteria, Predicate<Map<String, Object>> expected) {
        Set<String> want = leads.stream().filter(expected).map(r -> (String) r.get("id")).collect(Collectors.toSet());
        assertThat(want).as("the data must exercise " + criteria).isNotEmpty();
        Set<String> got = all("select id from Leads where " + criteria).stream().map(row -> row.get("id").asText())
                .collect(Collectors.toSet());
        assertThat(got).as(criteria).isEqualTo(want);
    }

    private static List<JsonNode> all(String query) {
        SandboxClient.Response response = client.coql(query + " limit 2000");
        assertThat(response.status()).as(response.body()).isIn(200, 204);
        List<JsonNode> rows = new ArrayList<>();
        if (response.status() == 200) response.json().get("data").forEach(rows::add);
        return rows;
    }

    private static double decimal(Object value) {
        return value == null ? Double.NEGATIVE_INFINITY : ((BigDecimal) value).doubleValue();
    }

    private static Instant instant(Object value) {
        return OffsetDateTime.parse((String) value).toInstant();
    }

    @SuppressWarnings("unchecked")
    private static Object lookupId(Object lookup) {
        return lookup == null ? null : ((Map<String, Object>) lookup).get("id");
    }

    @SuppressWarnings("unchecked")
    private static Object ownerLastName(Map<String, Object> record) {
        return ((Map<String, Object>) record.get("Owner")).get("name");
    }
}
