package org.gengeo.curvature;

/**
 * A stochastic trace estimate: the mean of the probes' v^T A v, its standard error
 * (sample standard deviation / sqrt(probes)), the probes used, and whether the relative-error
 * tolerance was met.
 */
public record TraceEstimate(double trace, double standardError, int probes, boolean converged) {}
