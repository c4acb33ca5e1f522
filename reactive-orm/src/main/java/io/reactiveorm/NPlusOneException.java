package io.reactiveorm;

/**
 * In strict mode ({@code Orm.builder().nPlusOne(NPlusOne.STRICT)}, or the test kit's {@code
 * @OrmTest(strictNPlusOne = true)}), a relation was loaded one row at a time. The message names
 * the relation and the code that asked for it.
 */
public class NPlusOneException extends OrmException {

  public NPlusOneException(String message) {
    super(message);
  }
}
