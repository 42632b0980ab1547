import { Notice } from '@/components/ui/Notice';

export type LetterCheckProps = { missingFigures: string[]; missingSections: string[]; addedFigures: string[]; repeatsInstructions: boolean };

/** Tests whether the check of a letter found anything for the advisor to fix. */
export function needsChecking({ missingFigures, missingSections, addedFigures, repeatsInstructions }: LetterCheckProps): boolean {
  return missingFigures.length > 0 || missingSections.length > 0 || addedFigures.length > 0 || repeatsInstructions;
}

/** Shows what the check of a written letter found: figures missing or added, instructions repeated, parts left empty. */
export function LetterCheck({ missingFigures, missingSections, addedFigures, repeatsInstructions }: LetterCheckProps) {
  if (!needsChecking({ missingFigures, missingSections, addedFigures, repeatsInstructions })) return null;
  return (
    <Notice tone="warning" title="Check the letter before sending it" role="alert" data-testid="letter-check">
      {missingFigures.length > 0 && (
        <>
          <p className="mt-1">These figures from your notes are missing from the letter. Add them by hand:</p>
          <ul className="mt-1 list-disc pl-5 font-medium" data-testid="letter-missing-figures">
            {missingFigures.map((figure) => (
              <li key={figure}>{figure}</li>
            ))}
          </ul>
        </>
      )}
      {addedFigures.length > 0 && (
        <>
          <p className="mt-2">These figures in the letter are not in your notes. The model may have made them up: check or remove them:</p>
          <ul className="mt-1 list-disc pl-5 font-medium" data-testid="letter-added-figures">
            {addedFigures.map((figure) => (
              <li key={figure}>{figure}</li>
            ))}
          </ul>
        </>
      )}
      {repeatsInstructions && (
        <p className="mt-2" data-testid="letter-repeats-instructions">
          Parts of the letter repeat the instructions given to the model rather than your notes. Rewrite those parts by hand or try again.
        </p>
      )}
      {missingSections.length > 0 && (
        <p className="mt-2" data-testid="letter-missing-sections">
          The model wrote nothing under {missingSections.join(', ')}. Write these parts by hand or try again.
        </p>
      )}
    </Notice>
  );
}

