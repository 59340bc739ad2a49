// Composition root of the browser app. The table, the desks and online play arrive with the
// browser issue; for now the page lists the scenarios the rules engine ships, read from the
// same validated data the server uses.
import { getScenario, scenarioIds } from './game/scenario';

function render(root: HTMLElement): void {
  const list = document.createElement('ul');
  for (const id of scenarioIds()) {
    const scenario = getScenario(id);
    const item = document.createElement('li');
    const name = document.createElement('h2');
    name.textContent = scenario.name;
    const summary = document.createElement('p');
    summary.textContent = scenario.summary;
    const seats = document.createElement('p');
    seats.textContent = `${scenario.seats.A.name} and ${scenario.seats.B.name}, through ${scenario.seats.broker.name}. ${scenario.rounds} rounds.`;
    item.append(name, summary, seats);
    list.append(item);
  }
  const heading = document.createElement('h1');
  heading.textContent = 'Backchannel';
  const intro = document.createElement('p');
  intro.textContent =
    'Two principals in an armed standoff negotiate only through a broker, who decides what each side hears, when, and in what words.';
  root.replaceChildren(heading, intro, list);
}

const root = document.getElementById('app');
if (root) render(root);
