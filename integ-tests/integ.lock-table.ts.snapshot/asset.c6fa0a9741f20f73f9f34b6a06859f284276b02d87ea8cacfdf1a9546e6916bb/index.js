"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// integ-tests/handlers/race.ts
var race_exports = {};
__export(race_exports, {
  handler: () => handler
});
module.exports = __toCommonJS(race_exports);
var import_client_lambda = require("@aws-sdk/client-lambda");
var CONTENDERS = 8;
var client = new import_client_lambda.LambdaClient({});
async function handler(_event, context) {
  const payload = JSON.stringify({ key: `race/${context.awsRequestId}`, holdMs: 5e3 });
  const results = await Promise.all(
    Array.from({ length: CONTENDERS }, async () => {
      const out = await client.send(
        new import_client_lambda.InvokeCommand({
          FunctionName: process.env.LOCKER_FUNCTION_NAME,
          Payload: new TextEncoder().encode(payload)
        })
      );
      if (out.FunctionError) throw new Error(`locker failed: ${new TextDecoder().decode(out.Payload)}`);
      return JSON.parse(new TextDecoder().decode(out.Payload));
    })
  );
  return { contenders: CONTENDERS, winners: results.filter((r) => r.acquired).length };
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler
});
