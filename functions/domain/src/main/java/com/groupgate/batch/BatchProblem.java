package com.groupgate.batch;

/**
 * Why one cell (or a whole line, {@code field} then {@code "line"}) of an uploaded batch
 * is refused: the 422's list names each, so a person can fix the file in one go.
 *
 * @param line  the line as a person counts in an editor (the header is line 1)
 * @param field the column's header name, {@code "line"} for the record as a whole, or
 *              {@code "body"} for the file as a whole
 */
public record BatchProblem(int line, String field, String code, String message) {
}
