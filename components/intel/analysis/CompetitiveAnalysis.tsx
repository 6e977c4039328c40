/** The competitive product analysis (竞争产品分析报告) for a chosen period. Being built (#12). */
export function CompetitiveAnalysis() {
  return null;
}
