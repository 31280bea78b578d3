package org.dirchain.coordinator.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A 32-byte hash or commitment as {@code 0x} + 64 hex digits, not all zero (the contracts refuse
 * the zero hash). Null is valid; combine with {@code @NotNull} where the field is required.
 */
@Documented
@Constraint(validatedBy = HexHash.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface HexHash {
    String message() default "must be 0x followed by 64 hex digits, not all zero";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<HexHash, String> {
        private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{64}");
        private static final Pattern ZERO = Pattern.compile("0x0{64}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || (HEX.matcher(value).matches() && !ZERO.matcher(value).matches());
        }
    }
}
