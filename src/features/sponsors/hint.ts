/**
 * A guess at cap exemption from what the public files show. Neither source says whether an
 * employer is cap-exempt, so this is always labelled as inferred and comes with its reasons.
 */
export interface CapExemptHint {
  inferred: true;
  leaning: 'likely cap-exempt' | 'possibly cap-exempt' | 'looks cap-subject' | 'not enough to say';
  reasons: string[];
  label: string;
}

export const HINT_LABEL =
  'Inferred from the name, industry code and filing dates, not a fact: the public data never says whether an employer is cap-exempt. Ask the program.';

const UNIVERSITY = /\b(university|college|school of medicine|medical school)\b/;
const RESEARCH = /\b(research institute|research foundation|research center|institute for|foundation)\b/;

/** `months[m]` = filings received in month m (1-12). */
export function capExemptHint(norm: string, naics: string, months: number[]): CapExemptHint {
  const reasons: string[] = [];
  let score = 0;
  const university = UNIVERSITY.test(norm);
  if (university) {
    score += 2;
    reasons.push(
      'The name reads as a university or college; institutions of higher education and their affiliated nonprofits can file outside the cap.',
    );
  } else if (RESEARCH.test(norm)) {
    score += 1;
    reasons.push(
      'The name reads like a research institute or foundation; nonprofit research organizations can file outside the cap.',
    );
  }
  if (naics.startsWith('611310')) {
    if (university) score += 1;
    reasons.push('Its industry code is 611310 (colleges and universities).');
  } else if (naics.startsWith('622110') || naics.startsWith('6221')) {
    if (university) {
      score += 1;
      reasons.push(
        'Its industry code is a hospital one (622110) under a university name: often a teaching hospital affiliated with a university.',
      );
    } else {
      reasons.push(
        'Its industry code is a hospital one (622110); that alone says nothing, since many hospitals file within the cap.',
      );
    }
  }
  const total = months.reduce((a, b) => a + b, 0);
  if (total >= 4) {
    const early = (months[1] ?? 0) + (months[2] ?? 0) + (months[3] ?? 0);
    const spread = months.filter((n) => n > 0).length;
    const share = early / total;
    if (share >= 0.6) {
      score -= 2;
      reasons.push(
        `${early} of ${total} filings were received January to March, the pattern of employers preparing petitions for the April cap season.`,
      );
    } else if (spread >= 5 && share < 0.4) {
      score += 1;
      reasons.push(`Filings are spread over ${spread} months of the year rather than clustered before the April cap season.`);
    }
  }
  const leaning: CapExemptHint['leaning'] =
    score >= 3
      ? 'likely cap-exempt'
      : score >= 1
        ? 'possibly cap-exempt'
        : score <= -1
          ? 'looks cap-subject'
          : 'not enough to say';
  if (!reasons.length) reasons.push('Nothing in the name, industry code or filing dates points either way.');
  return { inferred: true, leaning, reasons, label: HINT_LABEL };
}
