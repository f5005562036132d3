/**
 * @module sources/huggingface
 * The Hugging Face Hub feeds: trending models, new models, trending datasets and Spaces, and
 * Daily Papers. The pure parsers are exported for conformance tests on recorded payloads.
 */
import type { Source } from '../source.js';
import { hfDatasetsSource } from './datasets.js';
import { hfModelsSource } from './models.js';
import { hfNewModelsSource } from './new-models.js';
import { hfPapersSource } from './papers.js';
import { hfSpacesSource } from './spaces.js';

export { parseDatasetListing } from './datasets.js';
export { baseModelFacts, modelParameters, parseBaseModelTag } from './model-facts.js';
export { parseModelListing } from './models.js';
export { parseNewModelListing } from './new-models.js';
export { parseDailyPapers } from './papers.js';
export { parseSpaceListing } from './spaces.js';
export { parseTrending } from './trending.js';
export { hfDatasetsSource, hfModelsSource, hfNewModelsSource, hfPapersSource, hfSpacesSource };

export const huggingfaceSources: readonly Source[] = [
  hfModelsSource,
  hfNewModelsSource,
  hfDatasetsSource,
  hfSpacesSource,
  hfPapersSource,
];
