/**
 * The functions the typed Rdd API takes, as Spark's {@code org.apache.spark.api.java.function}:
 * serializable functional interfaces, so lambdas and method references can be shipped to tasks
 * (today executors share the driver's JVM; {@code checkpoint} and remote executors will need it).
 * They may throw checked exceptions; a task that throws fails and is retried up to
 * {@code ember.task.maxFailures} times, then the job fails with the cause.
 */
package dev.ember.engine.rdd.function;
