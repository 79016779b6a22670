package dev.crmmirror.zoho;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoqlTest {

    private static final Instant T = Instant.parse("2024-06-05T02:04:09Z");

    @Test
    void keysetContinuationBracketsEveryPair() {
        String q = Coql.select(List.of("Last_Name", "Modified_Time"), "Leads", Coql.after(new Cursor(T, "5725767000002889886")),
                Coql.KEYSET_ORDER, 2000);

        assertThat(q).isEqualTo("select Last_Name, Modified_Time from Leads where (Modified_Time > '2024-06-05T02:04:09+00:00' or "
                + "(Modified_Time = '2024-06-05T02:04:09+00:00' and id > '5725767000002889886')) "
                + "order by Modified_Time asc, id asc limit 2000");
    }

    @Test
    void threeCriteriaNeverAppearUnbracketed() {
        Coql.Criteria c = Coql.and(Coql.and(Coql.isNotNull("A"), Coql.isNotNull("B")), Coql.isNotNull("C"));

        assertThat(c.render()).isEqualTo("((A is not null and B is not null) and C is not null)");
    }

    @Test
    void stringLiteralsAreEscapedSoValuesCannotChangeTheQuery() {
        assertThat(Coql.string("O'Brien")).isEqualTo("'O\\'Brien'");
        assertThat(Coql.string("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(Coql.string("x\\' or id is not null or '")).isEqualTo("'x\\\\\\' or id is not null or \\''");
        assertThat(Coql.compare("Last_Name", "=", "a'b").render()).isEqualTo("Last_Name = 'a\\'b'");
    }

    @Test
    void datetimeLiteralsAreUtcWithAnExplicitOffsetAndWholeSeconds() {
        assertThat(Coql.datetime(Instant.parse("2024-06-05T02:04:09.987Z"))).isEqualTo("'2024-06-05T02:04:09+00:00'");
    }

    @Test
    void idsFieldNamesAndOperatorsAreValidatedNotEscaped() {
        assertThatThrownBy(() -> Coql.after(new Cursor(T, "1' or '1'='1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coql.isNotNull("Name; drop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coql.compare("A", "like", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coql.select(List.of("A"), "Leads where id is not null --", Coql.isNotNull("id"), null, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coql.select(List.of("A"), "Leads", Coql.isNotNull("id"), null, 2001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reservedWordsAsFieldNamesAreQuoted() {
        assertThat(Coql.select(List.of("External", "Type"), "Contacts", Coql.isNotNull("id"), null, 200))
                .isEqualTo("select 'External', Type from Contacts where id is not null limit 200");
    }

    @Test
    void creditsFollowZohosLimitTiers() {
        assertThat(List.of(Coql.credits(1), Coql.credits(200), Coql.credits(201), Coql.credits(1000), Coql.credits(1001), Coql.credits(2000)))
                .containsExactly(1, 1, 2, 2, 3, 3);
    }

    @Test
    void cursorOrderComparesIdsAsNumbers() {
        assertThat(new Cursor(T, "100").isAfter(new Cursor(T, "99"))).isTrue();
        assertThat(new Cursor(T, "99").isAfter(new Cursor(T, "100"))).isFalse();
        assertThat(new Cursor(T.plusSeconds(1), "1").isAfter(new Cursor(T, "999"))).isTrue();
        assertThat(new Cursor(T, "5").isAfter(new Cursor(T, "5"))).isFalse();
    }
}
