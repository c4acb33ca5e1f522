package io.reactiveorm.it.crud;

/** Stored by ordinal. */
enum Priority { LOW, MEDIUM, HIGH }
