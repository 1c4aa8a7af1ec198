// Every page of the console, one line each; the first is where the console opens. The order is
// the navigation's order. A page whose nav is null has no menu entry (details reached by link).
import groups from './groups.js';

export default [
  groups,
];
