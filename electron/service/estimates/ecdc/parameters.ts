// The fixed parameters of the ECDC HIV Modelling Tool's CD4-staged model (van Sighem et al.,
// Epidemiology 2015), as the tool sets them (nextpagesoft/hivModelling,
// inst/ObjectDefinitions/Parameters.R and inst/include/globals.hpp). Figures only; the method is
// written anew here from its description.

/** Stages: four CD4 stages (≥500, 350-499, 200-349, <200 cells/µL), then AIDS. */
export const STAGES = 5;
/** Where people leaving primary infection start, by stage. */
export const F_INIT = [0.58, 0.23, 0.16, 0.03, 0] as const;
/** Progression out of each stage per year (stage 4 to AIDS; in AIDS, death). */
export const Q = [1 / 6.37, 1 / 2.86, 1 / 3.54, 1 / 2.3, 0.529101] as const;
/** Leaving primary infection: a mean of 2.9 months. */
export const ALPHA = 1 / (2.9 / 12);
/** Diagnosis rate once in AIDS, per year. */
export const DELTA_AIDS = 12;
/** The integrator: relative accuracy, first trial step, steps allowed per year, year-edge offset. */
export const ODE_EPS = 1e-4;
export const ODE_FIRST_STEP = 0.02;
export const ODE_MAX_STEPS = 10_000;
export const YEAR_EDGE = 1e-6;
/** The penalty the fit adds for an impossible point (negative incidence, counts or a capped start parameter). */
export const PENALTY = 1e10;
