/**
 * @module renderers/site/methodology-page
 * `/methodology/`: how the Post is made, in plain words: where the data comes from, how stories
 * are chosen, who writes them and how their facts are checked, and how fresh the data is.
 */
import { type PageAssets, pageContext, type SiteContext } from './context.js';
import { html } from './html.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';

const SOURCES: ReadonlyArray<readonly [string, string]> = [
  [
    'Hugging Face trending models',
    'The models on the Hub’s trending list, with likes, downloads, task, library, tags, creation date, and for the top of the list the parameter count and the base model a model was fine-tuned, quantised or merged from.',
  ],
  [
    'Hugging Face new models',
    'Recently created models, which tell us how much is being released and on which days of the week.',
  ],
  ['Hugging Face trending datasets', 'Trending datasets with their likes, downloads and tags.'],
  [
    'Hugging Face trending Spaces',
    'Trending demo apps with their likes and the framework they are built with.',
  ],
  [
    'Hugging Face daily papers',
    'The papers readers picked that day, with their arXiv id, authors, upvotes and linked code.',
  ],
  [
    'GitHub Trending',
    'The AI and machine-learning repositories on GitHub’s trending pages, with stars, the stars gained in the period GitHub states, forks, language and topics.',
  ],
  ['GitHub releases', 'New releases of the libraries and tools we follow: tag, date and notes.'],
  ['arXiv', 'New papers in the AI categories, with their abstracts, authors and categories.'],
];

const main = html`<div class="page methodology"><h1>How the Post is made</h1>
<p class="standfirst">${PAPER_NAME} is written every morning by software, from public data about the AI ecosystem. This page explains where that data comes from, how the day’s stories are chosen, who writes them, and how we check what they say.</p>
<section aria-labelledby="m-sources"><h2 id="m-sources" class="section-label">Where the data comes from</h2>
<p>Early each morning the Post takes one snapshot of each source below. Every number is kept with the moment it was observed, and earlier observations are never overwritten, so we can compare today with yesterday and with a week ago.</p>
<dl class="source-list">${SOURCES.map(([name, gives]) => html`<dt>${name}</dt><dd>${gives}</dd>`)}</dl>
<p>Likes, downloads and stars are running totals as each site reports them. A trending list measures attention, not quality, and we say so when it matters.</p></section>
<section aria-labelledby="m-stories"><h2 id="m-stories" class="section-label">How stories are chosen</h2>
<p>From the last two weeks of snapshots we work out what changed: which models climbed the lists and by how much, the week’s figures (how many new models appeared, what share came from individuals rather than organisations, the median model size, the leading tasks and domains), and what the trending items have in common, such as a field like medicine, a model family, a size, or a numbered series from one author.</p>
<p>Each possible lead story gets two numbers. <strong>Magnitude</strong>, between 0 and 1, says how big the change is; every kind of story has its own written-down scale. <strong>Novelty</strong> says how new the subject is to our readers: it is 1 when none of the last seven editions covered it and lower when one did. A subject that already led needs a clearly bigger change, at least one and a half times what it led with, to lead again. The story with the highest magnitude × novelty leads.</p>
<p>A jump that looks manufactured (likes or stars far out of line with downloads, age and history) cannot lead, and the item is kept out of the movers and the tools. The deep dive takes the strongest theme the lead does not cover; the two opinion pieces take the next best stories of other kinds. When a story touches a subject an earlier edition covered, it links back to that edition.</p>
<p>Saturday and Sunday editions are weekend editions: the week’s figures appear as the weekend metrics, the reading list becomes Weekend Reading, and a weekend on which independent developers dominate the lists is itself a story, because the big labs tend to release on weekdays.</p></section>
<section aria-labelledby="m-writers"><h2 id="m-writers" class="section-label">Who writes it, and how we check</h2>
<p>The plan for an edition holds, for every section, the chosen subject and the facts that support it, each fact with its source and the time it was observed. A writer turns that plan into words.</p>
<p>The <strong>newsroom</strong> writer is built in. It follows fixed rules, varies its phrasing from day to day, and says only what the facts say; the same plan always gives the same words. Editions can instead be written by a <strong>language model</strong> (OpenAI, Anthropic, or a model served locally). Whatever a language model writes is fact-checked before it is published: every number and every named model, author or repository must trace to a fact in the plan. A section that fails is tried once more, and if it fails again the newsroom writes it instead.</p>
<p>The footer of every edition names the writer of each section, the reason for any fallback, and the result of the fact-check. Opinion pieces are labelled as opinion.</p></section>
<section aria-labelledby="m-freshness"><h2 id="m-freshness" class="section-label">How fresh the data is</h2>
<p>The footer of every edition lists each source with the day its data is from and the time the snapshot was taken (in UTC). When a source cannot be reached, the edition is still made from the others, and a notice at the top names what is missing.</p>
<p>When no source can be reached, the edition is built from the most recent stored snapshots, and a banner at the top gives their date and says the data is not live. A fresh installation with no stored data shows the sample day shipped with the project, with a banner that says so.</p></section>
<section aria-labelledby="m-formats"><h2 id="m-formats" class="section-label">Other ways to read it</h2>
<p>Every edition is also sent by email to subscribers who confirmed their address, can be posted to a Telegram channel, and is published as RSS, Atom and JSON feeds, and as JSON and Markdown files beside each edition’s page.</p></section></div>`;

export function renderMethodologyPage(site: SiteContext, assets: PageAssets): string {
  const page = pageContext(site, assets);
  return documentPage(page, {
    title: `How the Post is made | ${PAPER_NAME}`,
    description: `Where the data of ${PAPER_NAME} comes from, how its stories are chosen, who writes them and how their facts are checked.`,
    canonicalPath: '/methodology/',
    ogType: 'website',
    header: masthead(page, { current: 'methodology' }),
    main,
  });
}
