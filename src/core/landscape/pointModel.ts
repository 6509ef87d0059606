/**
 * The point model: everything the lab derives at the expansion point, computed once per change
 * and handed to every view (readouts, scene, live formula, chart, live region).
 */
import { classifyPoint, conditionNumber, stableStep } from '../classify';
import { symmetricEigen2 } from '../eigen2';
import { MAX_ORDER_2D } from '../taylorLayout';
import type { Eigen2, PointClass, PointDerivatives } from '../types';
import { derivativesFromCoefficients, type Landscape } from './Landscape';

/** The expansion point with its Taylor coefficients, derivatives, eigenpairs and class. */
export interface PointModel {
  readonly x: number;
  readonly y: number;
  /** Model order shown (0..MAX_ORDER_2D). */
  readonly order: number;
  /** Coefficients to max(order, 2) in taylorLayout order (so derivatives are always there). */
  readonly coeffs: Float64Array;
  readonly derivs: PointDerivatives;
  readonly eigen: Eigen2;
  readonly cls: PointClass;
  readonly conditionNumber: number;
  readonly stableStep: number;
}

/** Computes the point model of a landscape at (x, y) for a model of the given order. */
export function computePointModel(landscape: Landscape, x: number, y: number, order: number): PointModel {
  const shown = Math.max(0, Math.min(Math.round(order), MAX_ORDER_2D));
  const coeffs = landscape.coefficients(x, y, Math.max(2, shown));
  const derivs = derivativesFromCoefficients(coeffs);
  const eigen = symmetricEigen2(derivs.hxx, derivs.hxy, derivs.hyy);
  return {
    x,
    y,
    order: shown,
    coeffs,
    derivs,
    eigen,
    cls: classifyPoint(derivs),
    conditionNumber: conditionNumber(eigen),
    stableStep: stableStep(eigen),
  };
}
