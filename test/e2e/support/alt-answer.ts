/** What a model asked for alt text answers, as the fake server streams it. */

/** The structured answer the alt-text request's JSON schema asks for, with the fields a test cares about. */
export function altJson(fields: { alt: string; kind?: string; decorative?: boolean; reason?: string; long_description?: string; shorter?: string }): string {
  return JSON.stringify({ kind: 'informative', decorative: false, reason: '', long_description: '', shorter: '', ...fields });
}
