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
import java.nio.charset.StandardCharsets;

/**
 * At most {@code max} bytes of UTF-8, the unit the contracts limit strings in (a 200-character
 * title of non-Latin script can be 600 bytes). No control characters. Null is valid.
 */
@Documented
@Constraint(validatedBy = Utf8Size.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Utf8Size {
    int max();

    String message() default "must be at most {max} bytes of UTF-8 without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Utf8Size, String> {
        private int max;

        @Override
        public void initialize(Utf8Size annotation) {
            this.max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null
                    || (value.getBytes(StandardCharsets.UTF_8).length <= max
                            && value.chars().noneMatch(Character::isISOControl));
        }
    }
}
