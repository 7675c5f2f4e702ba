// Checks Adaptive Cards the way a client loads them: each card parsed by the adaptivecards library (Microsoft's
// renderer, the model Teams' web client builds on) for the card's own version, then its validation pass. Unknown
// element or action types, properties that version does not have, missing or duplicate input ids, invalid values:
// everything the library reports is an error here, since Teams shows such a card broken or not at all.
// Prints {"errors":[...]} and exits 1 when there are any.
// Usage: node check-adaptive-cards.js <cards.json>   ({"name": card, ...})
"use strict";
const fs = require("fs");
// The package's CommonJS entry imports ES modules without extensions; its dist bundle loads in node as it is.
const AC = require("adaptivecards/dist/adaptivecards.js");

const cards = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const errors = [];
for (const [name, json] of Object.entries(cards)) {
  const version = AC.Version.parse(json.version, new AC.SerializationContext());
  if (!version || !version.isValid) {
    errors.push(`${name}: no valid version (${json.version})`);
    continue;
  }
  const context = new AC.SerializationContext(version);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    errors.push(`${name}: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    errors.push(`${name}: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
}
console.log(JSON.stringify({ errors }));
process.exit(errors.length === 0 ? 0 : 1);
