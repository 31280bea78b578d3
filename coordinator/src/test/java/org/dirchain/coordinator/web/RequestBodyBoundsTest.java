package org.dirchain.coordinator.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dirchain.coordinator.catalogue.PublishAssetRequest;
import org.dirchain.coordinator.grants.GrantRequestBody;
import org.dirchain.coordinator.jobs.JobRequestBody;
import org.dirchain.coordinator.jobs.TrainingJobRequestBody;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.GroupBy;
import org.dirchain.node.query.Measure;
import org.junit.jupiter.api.Test;

/**
 * Every list a request body can carry has an upper bound, and the bounds of a query are no looser
 * than the compute nodes' own: a request a node would refuse for its size is a 400 at the API.
 */
class RequestBodyBoundsTest {
    private static final List<Class<?>> BODIES = List.of(JobRequestBody.class, TrainingJobRequestBody.class,
            PublishAssetRequest.class, GrantRequestBody.class);

    @Test
    void everyListInEveryRequestBodyIsBounded() {
        List<String> unbounded = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        BODIES.forEach(body -> collectUnbounded(body, seen, unbounded));
        assertThat(seen).as("the nested records were visited too").contains(JobRequestBody.FilterBody.class,
                JobRequestBody.MeasureBody.class, JobRequestBody.ClampBody.class);
        assertThat(unbounded).isEmpty();
    }

    @Test
    void queryBoundsAreNoLooserThanTheNodes() {
        assertThat(max(JobRequestBody.FilterBody.class, "values")).isEqualTo(Filter.MAX_IN_VALUES);
        assertThat(max(JobRequestBody.QueryBody.class, "filters")).isLessThanOrEqualTo(AggregateQuery.MAX_FILTERS);
        assertThat(max(TrainingJobRequestBody.class, "filters")).isLessThanOrEqualTo(AggregateQuery.MAX_FILTERS);
        assertThat(max(JobRequestBody.QueryBody.class, "groups")).isLessThanOrEqualTo(GroupBy.MAX_KEYS);
        assertThat(max(JobRequestBody.QueryBody.class, "measures")).isLessThanOrEqualTo(AggregateQuery.MAX_MEASURES);
        assertThat(max(JobRequestBody.MeasureBody.class, "bucketEdges")).isLessThanOrEqualTo(Measure.MAX_EDGES);
    }

    private static int max(Class<?> record, String component) {
        try {
            Size size = record.getDeclaredField(component).getAnnotation(Size.class);
            assertThat(size).as(record.getSimpleName() + "." + component + " has a @Size").isNotNull();
            return size.max();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** Lists without a finite @Size; a set of an enum is bounded by the enum and needs none. */
    private static void collectUnbounded(Class<?> record, Set<Class<?>> seen, List<String> unbounded) {
        if (!record.isRecord() || !seen.add(record)) {
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            Class<?> element = c.getType();
            if (Collection.class.isAssignableFrom(c.getType())) {
                element = elementType(c.getGenericType());
                Size size = field(record, c).getAnnotation(Size.class);
                boolean enumSet = Set.class.isAssignableFrom(c.getType()) && element.isEnum();
                if (!enumSet && (size == null || size.max() == Integer.MAX_VALUE)) {
                    unbounded.add(record.getSimpleName() + "." + c.getName());
                }
            }
            collectUnbounded(element, seen, unbounded);
        }
    }

    private static java.lang.reflect.Field field(Class<?> record, RecordComponent c) {
        try {
            return record.getDeclaredField(c.getName());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    private static Class<?> elementType(Type type) {
        Type arg = ((ParameterizedType) type).getActualTypeArguments()[0];
        return arg instanceof Class<?> k ? k : (Class<?>) ((ParameterizedType) arg).getRawType();
    }
}
