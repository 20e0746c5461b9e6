package dev.ember.optimizer.physical;

import dev.ember.physical.plan.PhysicalPlan;

import java.util.Map;

/** The physical plan of a query, with the estimates and strategy reasons EXPLAIN shows. */
public record PhysicalQuery(PhysicalPlan root, Map<PhysicalPlan, Estimate> estimates, Map<PhysicalPlan, String> notes) {
}
