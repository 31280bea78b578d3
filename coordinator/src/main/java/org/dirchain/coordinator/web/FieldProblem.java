package org.dirchain.coordinator.web;

/** One offending input of a validation problem: the field (JSON path or parameter) and what is wrong. */
public record FieldProblem(String field, String message) {}
