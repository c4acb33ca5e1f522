package io.reactiveorm.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowIndexTest {

  static final class Row extends RowIndex.Node<Row> {
    final String name;

    Row(String name) {
      this.name = name;
    }
  }

  /** An id whose hash collides with every other one's, to exercise the chains. */
  record SameHash(int value) {
    @Override
    public int hashCode() {
      return 7;
    }
  }

  @Test
  void keepsAnEntryPerIdThroughGrowthAndFindsThemAll() {
    RowIndex<Row> index = new RowIndex<>(2);
    List<Row> rows = new ArrayList<>();
    for (long id = 0; id < 5000; id++) {
      Row row = new Row("r" + id);
      rows.add(row);
      index.putAbsent(id, row);
    }
    assertThat(index.size()).isEqualTo(5000);
    for (long id = 0; id < 5000; id++) {
      assertThat(index.get(id)).isSameAs(rows.get((int) id));
    }
    assertThat(index.get(5000L)).isNull();
    assertThat(index.values()).hasSize(5000).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void putReplacesTheEntryOfAnIdAndRemoveTakesOnlyTheEntryGiven() {
    RowIndex<Row> index = new RowIndex<>(4);
    Row first = new Row("first");
    Row second = new Row("second");
    index.putAbsent(1L, first);
    index.put(1L, second);
    assertThat(index.get(1L)).isSameAs(second);
    assertThat(index.size()).isEqualTo(1);

    index.remove(1L, first);
    assertThat(index.get(1L)).isSameAs(second);
    index.remove(2L, second);
    assertThat(index.get(1L)).isSameAs(second);
    index.remove(1L, second);
    assertThat(index.get(1L)).isNull();
    assertThat(index.values()).isEmpty();
  }

  @Test
  void collidingIdsShareAChainAndAreRemovedFromAnyPlaceInIt() {
    RowIndex<Row> index = new RowIndex<>(1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new Row("c" + i));
      index.putAbsent(new SameHash(i), rows.get(i));
    }
    index.remove(new SameHash(0), rows.get(0));
    index.remove(new SameHash(5), rows.get(5));
    index.remove(new SameHash(9), rows.get(9));
    for (int i = 0; i < 10; i++) {
      if (i == 0 || i == 5 || i == 9) {
        assertThat(index.get(new SameHash(i))).isNull();
      } else {
        assertThat(index.get(new SameHash(i))).isSameAs(rows.get(i));
      }
    }
    assertThat(index.size()).isEqualTo(7);
    assertThat(index.values()).hasSize(7);
  }

  @Test
  void putIfAbsentKeepsTheFirstEntryOfAnId() {
    RowIndex<Row> index = new RowIndex<>(2);
    Row first = new Row("first");
    assertThat(index.putIfAbsent(3L, first)).isNull();
    assertThat(index.putIfAbsent(3L, new Row("second"))).isSameAs(first);
    assertThat(index.get(3L)).isSameAs(first);
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void aNullIdIsAnIdLikeAnyOther() {
    RowIndex<Row> index = new RowIndex<>(4);
    Row row = new Row("no id");
    assertThat(index.get(null)).isNull();
    index.putAbsent(null, row);
    assertThat(index.get(null)).isSameAs(row);
    index.remove(null, row);
    assertThat(index.get(null)).isNull();
    assertThat(index.size()).isZero();
  }

  @Test
  void expectGrowsTheTableWithoutLosingEntries() {
    RowIndex<Row> index = new RowIndex<>(1);
    Row row = new Row("kept");
    index.putAbsent("a", row);
    index.expect(10_000);
    assertThat(index.get("a")).isSameAs(row);
    assertThat(index.values()).containsExactly(row);
  }
}
