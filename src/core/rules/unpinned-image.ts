import type { Rule } from './types';
import { engineImage, ENGINE_DEFAULTS } from '../sizing/launch';
import { isVllmImageName } from '../launch';

/** A floating tag (`latest`, `nightly`, none) changes under you; ServeLint then checks the newest known release. */
export const unpinnedImage: Rule = {
  meta: {
    id: 'unpinned-image',
    severity: 'info',
    summary: 'The engine image has no tag, `:latest` or a nightly tag: pin a release (ServeLint checks against the newest known one).',
    fixable: false,
    engines: ['vllm', 'sglang', 'trtllm'],
  },
  check(ctx) {
    const image = ctx.invocation.image;
    if (!image || image.unknownTag || image.digest) return;
    const known = engineImage(image.name) ?? (isVllmImageName(image.name) ? { engine: 'vllm' as const } : undefined);
    if (!known || known.engine !== ctx.invocation.engine) return;
    const tag = image.tag;
    if (tag !== undefined && !/^latest(\b|$|-)/i.test(tag) && !/nightly|^main$|^dev$/i.test(tag)) return;
    const what = tag === undefined ? `${image.name} has no tag (so :latest)` : `${image.name}:${tag} is a moving tag`;
    ctx.report({
      span: image.tagSpan ?? image.span,
      message: `${what}: each pull may bring another ${ENGINE_DEFAULTS[ctx.invocation.engine].name} release with other flags and defaults. Pin a version (e.g. a vX.Y.Z tag or a digest); ServeLint checks this launch against ${ctx.version.version.text}, the newest release it knows.`,
    });
  },
};
