package io.reactiveorm.it.crud;

import jakarta.persistence.AttributeConverter;

/** {@code Money("EUR", 1234)} is stored as {@code "EUR 1234"}. */
class MoneyConverter implements AttributeConverter<Money, String> {

  @Override
  public String convertToDatabaseColumn(Money money) {
    return money.currency() + " " + money.cents();
  }

  @Override
  public Money convertToEntityAttribute(String text) {
    String[] parts = text.split(" ");
    return new Money(parts[0], Long.parseLong(parts[1]));
  }
}
