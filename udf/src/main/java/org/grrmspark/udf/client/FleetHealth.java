package org.grrmspark.udf.client;

/**
 * The fleet's health as one client sees it, for progress reports.
 *
 * @param endpoints configured endpoints
 * @param healthy endpoints whose circuit breaker is closed
 * @param breakerOpens times a breaker opened (failures or a stall)
 * @param stalls times an endpoint was declared stalled
 * @param hedges duplicate attempts started for stragglers
 * @param fleetDown every endpoint has been unavailable for longer than the fleet-down budget
 * @param serverWaiting requests queued on the replicas by their fresh load reports (summed), -1
 *     when no endpoint has one ({@link LoadSignal})
 */
public record FleetHealth(
    int endpoints,
    int healthy,
    long breakerOpens,
    long stalls,
    long hedges,
    boolean fleetDown,
    long serverWaiting) {}
