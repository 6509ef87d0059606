/**
 * The point model: everything the lab derives at the expansion point, computed once per change
 * and handed to every view (readouts, scene, live formula, error chart, live region). Consumers say
 * what they need in a PointModelRequest (the order of the surface's model, the chart's study); one
 * computation answers all of them, and nobody recomputes any part of it.
 */
import { analyzeBreakdown, type BreakdownRequest, type BreakdownResult } from '../breakdownAnalysis';
import { classifyPoint, conditionNumber, stableStep } from '../classify';
import { symmetricEigen2 } from '../eigen2';
import { MAX_ORDER_2D, coefficientCount } from '../taylorLayout';
import type { Eigen2, PointClass, PointDerivatives } from '../types';
import { derivativesFromCoefficients, type Landscape } from './Landscape';

/** What the error chart asks of the point model: its study along a direction (the point is the model's). */
export type BreakdownNeeds = Omit<BreakdownRequest, 'x0' | 'y0'>;

/** What the consumers of the point model need: the model's order and, when the chart is shown, its study. */
export interface PointModelRequest {
  /** Model order shown (clamped to 0..MAX_ORDER_2D). */
  readonly order: number;
  /** The error-vs-step study the chart draws; absent when no chart is shown. */
  readonly breakdown?: BreakdownNeeds;
}

/** The expansion point with its Taylor coefficients, derivatives, eigenpairs and class. */
export interface PointFacts {
  readonly x: number;
  readonly y: number;
  /** Model order shown (0..MAX_ORDER_2D). */
  readonly order: number;
  /**
   * Coefficients in taylorLayout order to the highest order any consumer asked for: at least
   * max(order, 2) (so derivatives are always there), more when the chart's study looks further.
   */
  readonly coeffs: Float64Array;
  readonly derivs: PointDerivatives;
  readonly eigen: Eigen2;
  readonly cls: PointClass;
  readonly conditionNumber: number;
  readonly stableStep: number;
}

/** The point model every consumer renders. */
export interface PointModel extends PointFacts {
  /** The chart's error-vs-step samples (analyzeBreakdown's result), present when it was asked for. */
  readonly breakdown?: BreakdownResult;
  /** The request the breakdown answers (point included), present with it. */
  readonly breakdownRequest?: BreakdownRequest;
  /** The sentence the live region speaks about the point ('' when no summarizer was given). */
  readonly summary: string;
}

/** Builds the live region's sentence from the point's numbers. */
export type PointSummarizer = (facts: PointFacts) => string;

const silent: PointSummarizer = () => '';

function clampOrder(order: number): number {
  return Math.max(0, Math.min(Math.round(order), MAX_ORDER_2D));
}

/** The order the surface's consumers need coefficients to: max(order, 2), order clamped to 0..MAX_ORDER_2D. */
export function neededOrder(order: number): number {
  return Math.max(2, clampOrder(order));
}

/** True when two chart studies ask for the same thing (so one answers the other). */
export function sameBreakdownNeeds(a: BreakdownNeeds | undefined, b: BreakdownNeeds | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.direction === b.direction &&
    a.angleDeg === b.angleDeg &&
    a.maxOrder === b.maxOrder &&
    a.radius === b.radius &&
    a.tolerance === b.tolerance &&
    a.precision === b.precision &&
    a.count === b.count
  );
}

/**
 * Assembles the point model from coefficients already computed (here or on the compute side) and,
 * when one was asked for, the chart's study of the same point.
 */
export function assemblePointModel(
  x: number,
  y: number,
  order: number,
  coeffs: Float64Array,
  summarize: PointSummarizer = silent,
  study?: { readonly result: BreakdownResult; readonly request: BreakdownRequest },
): PointModel {
  const derivs = derivativesFromCoefficients(coeffs);
  const eigen = symmetricEigen2(derivs.hxx, derivs.hxy, derivs.hyy);
  const facts: PointFacts = {
    x,
    y,
    order: clampOrder(order),
    coeffs,
    derivs,
    eigen,
    cls: classifyPoint(derivs),
    conditionNumber: conditionNumber(eigen),
    stableStep: stableStep(eigen),
  };
  const summary = summarize(facts);
  return study ? { ...facts, breakdown: study.result, breakdownRequest: study.request, summary } : { ...facts, summary };
}

/**
 * Computes the point model of a landscape at (x, y): one Taylor jet, to the highest order asked
 * for, serves the surface's model and the chart's study (analyzeBreakdown is handed the same
 * coefficients, so its samples are exactly what it computes on its own). A number for `request`
 * is the order alone (no study).
 */
export function computePointModel(
  landscape: Landscape,
  x: number,
  y: number,
  request: number | PointModelRequest,
  summarize: PointSummarizer = silent,
): PointModel {
  const { order, breakdown } = typeof request === 'number' ? { order: request, breakdown: undefined } : request;
  const least = neededOrder(order);
  const jet: { order: number; coeffs: Float64Array } = { order: -1, coeffs: new Float64Array(0) };
  // The first caller fixes the order (the study asks for its look-ahead, above the model's order);
  // a later, lower ask gets a prefix of the same jet (taylorLayout orders by total degree).
  const coefficients = (at: number): Float64Array => {
    if (at > jet.order) {
      jet.order = Math.max(at, least);
      jet.coeffs = landscape.coefficients(x, y, jet.order);
    }
    return at === jet.order ? jet.coeffs : jet.coeffs.subarray(0, coefficientCount(at));
  };
  let study: { result: BreakdownResult; request: BreakdownRequest } | undefined;
  if (breakdown) {
    const full: BreakdownRequest = { ...breakdown, x0: x, y0: y };
    const shared: Landscape = {
      kind: landscape.kind,
      key: landscape.key,
      label: landscape.label,
      value: (px, py) => landscape.value(px, py),
      coefficients: (_px, _py, at) => coefficients(at),
    };
    study = { result: analyzeBreakdown(shared, full), request: full };
  }
  coefficients(least);
  return assemblePointModel(x, y, order, jet.coeffs, summarize, study);
}
