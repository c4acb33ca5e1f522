package io.reactiveorm.it.crud;

/** A value object without a column type of its own; {@link MoneyConverter} stores it as text. */
record Money(String currency, long cents) {}
