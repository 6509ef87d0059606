/**
 * The lecturer's export preferences (issue 21): set in the lecture panel, read by the PNG export
 * (keys P and Shift+P and the panel's buttons). A preference of this page, not part of the link.
 */
export const exportSettings = {
  /** Draw the Taylor polynomial at the point in the PNG's caption band. */
  pngFormula: true,
};
