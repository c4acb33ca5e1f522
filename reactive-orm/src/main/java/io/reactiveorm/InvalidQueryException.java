package io.reactiveorm;

/**
 * A query refers to something the model does not have (an unknown field in a dynamic filter or
 * sort), or uses an operator wrongly. Raised before any SQL is sent; a web layer can answer it
 * with 400 Bad Request.
 */
public class InvalidQueryException extends OrmException {

  public InvalidQueryException(String message) {
    super(message);
  }
}
