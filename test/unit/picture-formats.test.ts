/**
 * Which formats a picture is sent in, per preset: WebP made only for servers known to take it
 * (OpenAI, Azure, Ollama, Chrome's own model), JPEG and PNG for the rest; originals sent as they
 * are only in a format the server takes (Ollama: no GIF); and a browser that cannot make WebP
 * (convertToBlob then makes a PNG) gets JPEG instead, labelled as what it is.
 */
import { describe, expect, it } from 'vitest';
import { pictureRule } from '../../utils/ask/picture-input';
import { encode } from '../../utils/image/encode';
import { formatNote } from '../../utils/image/prepare';
import { encodingsFor, JPEG_QUALITY, takenAsIs, WEBP_QUALITY, type Encoding } from '../../utils/image/encodings';
import { PRESET_IDS, type PresetId } from '../../utils/profiles/presets';
import { profileFromPreset } from '../../utils/settings';

const formatsOf = (preset: PresetId) => pictureRule(profileFromPreset(preset, 'id')).formats;
const made = (encodings: Encoding[]) => encodings.map((e) => (e.quality === undefined ? e.type : `${e.type} ${e.quality}`));

describe('the encodings a picture is tried in, per preset', () => {
  const webp = `image/webp ${WEBP_QUALITY}`;
  const jpeg = `image/jpeg ${JPEG_QUALITY}`;
  const table = [
    ['openai', [webp], [webp, 'image/png'], ['image/png', 'image/webp 1']],
    ['azure', [webp], [webp, 'image/png'], ['image/png', 'image/webp 1']],
    ['ollama', [webp], [webp, 'image/png'], ['image/png', 'image/webp 1']],
    ['chrome', [webp], [webp, 'image/png'], ['image/png', 'image/webp 1']],
    ['lmstudio', [jpeg], [jpeg, 'image/png'], ['image/png']],
    ['openrouter', [jpeg], [jpeg, 'image/png'], ['image/png']],
    ['vllm', [jpeg], [jpeg, 'image/png'], ['image/png']],
    ['custom', [jpeg], [jpeg, 'image/png'], ['image/png']],
  ] as const;
  it.each(table)('%s: a photo as %j, a screenshot as %j, a transparent picture as %j', (preset, photo, opaque, transparent) => {
    const formats = formatsOf(preset);
    expect(made(encodingsFor('photo', formats))).toEqual(photo);
    expect(made(encodingsFor('opaque', formats))).toEqual(opaque);
    expect(made(encodingsFor('transparent', formats))).toEqual(transparent);
  });

  it('every preset is in the table above', () => {
    expect(table.map(([preset]) => preset).sort()).toEqual([...PRESET_IDS].sort());
  });

  it('a copy kept in the browser (no server named) is made as JPEG or PNG, as before', () => {
    expect(made(encodingsFor('photo', undefined))).toEqual([`image/jpeg ${JPEG_QUALITY}`]);
    expect(made(encodingsFor('opaque', undefined))).toEqual([`image/jpeg ${JPEG_QUALITY}`, 'image/png']);
    expect(made(encodingsFor('transparent', undefined))).toEqual(['image/png']);
  });
});

describe('a photo by the uplink the user expects to the server (encodings.ts, webpPays)', () => {
  const webp = `image/webp ${WEBP_QUALITY}`;
  const jpeg = `image/jpeg ${JPEG_QUALITY}`;
  it.each([
    ['unknown', [webp]],
    ['slow', [webp]],
    ['fast', [jpeg]],
  ] as const)('to OpenAI on a %s uplink: %j', (uplink, photo) => {
    const rule = pictureRule({ ...profileFromPreset('openai', 'id'), uplink });
    expect(made(encodingsFor('photo', rule.formats, rule.uplink))).toEqual(photo);
  });

  it('a screenshot or a transparent picture is made as before on a fast uplink: only photos were measured', () => {
    const formats = formatsOf('openai');
    expect(made(encodingsFor('opaque', formats, 'fast'))).toEqual(made(encodingsFor('opaque', formats)));
    expect(made(encodingsFor('transparent', formats, 'fast'))).toEqual(made(encodingsFor('transparent', formats)));
  });

  it('a server that takes no WebP gets JPEG whatever the uplink', () => {
    for (const uplink of ['unknown', 'slow', 'fast'] as const) expect(made(encodingsFor('photo', formatsOf('custom'), uplink))).toEqual([jpeg]);
  });

  it("Chrome's own model has no uplink at all: a photo goes as the quicker JPEG", () => {
    const rule = pictureRule(profileFromPreset('chrome', 'id'));
    expect(made(encodingsFor('photo', rule.formats, rule.uplink))).toEqual([jpeg]);
  });

  it('a profile that says nothing of its uplink is not known to be fast', () => {
    expect(pictureRule(profileFromPreset('openai', 'id')).uplink).toBeUndefined();
  });
});

describe('an original small enough goes as it is only in a format the server takes', () => {
  it.each([
    ['openai', 'webp', true],
    ['openai', 'gif', true],
    ['azure', 'webp', true],
    ['chrome', 'gif', true],
    ['ollama', 'webp', true],
    ['ollama', 'gif', false],
    ['ollama', 'png', true],
    ['lmstudio', 'webp', false],
    ['custom', 'webp', false],
    ['custom', 'gif', false],
    ['custom', 'jpg', true],
    ['openrouter', 'png', true],
    ['vllm', 'webp', false],
    ['openai', 'avif', false],
    ['openai', 'bmp', false],
  ] as const)('%s, a %s picture: %s', (preset, type, asIs) => {
    expect(takenAsIs(type, formatsOf(preset))).toBe(asIs);
  });

  it.each([['png', true], ['jpg', true], ['webp', true], ['gif', true], ['svg', false], ['avif', false]] as const)(
    'a copy kept in the browser, a %s picture: %s, as the API names them',
    (type, asIs) => expect(takenAsIs(type, undefined)).toBe(asIs),
  );
});

describe('encoding, when the browser cannot make what was asked', () => {
  /** A canvas whose convertToBlob behaves as Chromium's: a type it cannot make comes back as PNG. */
  function canvasMaking(types: string[]) {
    const asked: { type?: string; quality?: number }[] = [];
    const canvas = {
      async convertToBlob(options?: { type?: string; quality?: number }) {
        asked.push({ ...options });
        const type = options?.type && types.includes(options.type) ? options.type : 'image/png';
        return new Blob([new Uint8Array(10)], { type });
      },
    };
    return { canvas, asked };
  }

  it('makes WebP at the chosen quality where the browser can', async () => {
    const { canvas, asked } = canvasMaking(['image/png', 'image/jpeg', 'image/webp']);
    const [photo] = encodingsFor('photo', formatsOf('openai'));
    const encoded = await encode(canvas, photo!);
    expect(encoded.type).toBe('image/webp');
    expect(encoded.blob.type).toBe('image/webp');
    expect(asked).toEqual([{ type: 'image/webp', quality: WEBP_QUALITY }]);
  });

  it('a photo gets JPEG, not the PNG the browser made instead of WebP', async () => {
    const { canvas, asked } = canvasMaking(['image/png', 'image/jpeg']);
    const [photo] = encodingsFor('photo', formatsOf('openai'));
    const encoded = await encode(canvas, photo!);
    expect(encoded.type).toBe('image/jpeg');
    expect(encoded.blob.type).toBe('image/jpeg');
    expect(asked).toEqual([{ type: 'image/webp', quality: WEBP_QUALITY }, { type: 'image/jpeg', quality: JPEG_QUALITY }]);
  });

  it('lossless WebP that comes back as PNG is sent as the PNG it is, never labelled WebP', async () => {
    const { canvas } = canvasMaking(['image/png', 'image/jpeg']);
    const lossless = encodingsFor('transparent', formatsOf('openai'))[1]!;
    const encoded = await encode(canvas, lossless);
    expect(encoded.type).toBe('image/png');
  });
});

describe('what the popup says of a picture converted for its format', () => {
  it.each([
    // No vision API takes it.
    ['bmp', 'openai', 'The BMP picture was converted, because the API accepts only PNG, JPEG, WebP and GIF.'],
    // The API does, the server in use does not.
    ['gif', 'ollama', 'The GIF picture was converted, because the server in use does not take GIF pictures.'],
    ['webp', 'lmstudio', 'The WebP picture was converted, because the server in use does not take WebP pictures.'],
    // Taken as it is: nothing to say.
    ['gif', 'openai', undefined],
    ['jpg', 'custom', undefined],
  ] as const)('%s for %s', (type, preset, note) => {
    expect(formatNote(type, formatsOf(preset))).toBe(note);
  });
});
