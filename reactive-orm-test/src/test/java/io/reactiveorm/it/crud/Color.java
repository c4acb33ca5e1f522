package io.reactiveorm.it.crud;

/** Stored by name (the default). */
enum Color { RED, GREEN, BLUE }
