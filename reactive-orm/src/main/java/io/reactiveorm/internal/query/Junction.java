package io.reactiveorm.internal.query;

import io.reactiveorm.query.Condition;
import java.util.List;

/** Conditions joined by AND ({@code conjunction}) or OR. */
public record Junction(boolean conjunction, List<Condition> conditions) implements Condition {}
