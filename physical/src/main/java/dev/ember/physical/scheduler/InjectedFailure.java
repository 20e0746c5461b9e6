package dev.ember.physical.scheduler;

/** A task attempt failed on purpose ({@code ember.fault.taskFailureRate}); the scheduler retries it. */
public final class InjectedFailure extends RuntimeException {
    public InjectedFailure(String message) {
        super(message);
    }
}
