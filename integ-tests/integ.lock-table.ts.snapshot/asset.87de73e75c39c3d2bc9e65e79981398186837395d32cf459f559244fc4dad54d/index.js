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

// integ-tests/handlers/locker.ts
var locker_exports = {};
__export(locker_exports, {
  handler: () => handler
});
module.exports = __toCommonJS(locker_exports);
var import_client_dynamodb = require("@aws-sdk/client-dynamodb");
var client = new import_client_dynamodb.DynamoDBClient({});
var tableName = process.env.DDB_LOCK_TABLE_NAME;
async function handler(event, context) {
  const key = { pk: { S: event.key } };
  try {
    await client.send(new import_client_dynamodb.PutItemCommand({
      TableName: tableName,
      Item: { ...key, owner: { S: context.awsRequestId }, ttl: { N: String(Math.floor(Date.now() / 1e3) + 3600) } },
      ConditionExpression: "attribute_not_exists(pk)"
    }));
  } catch (err) {
    if (err instanceof import_client_dynamodb.ConditionalCheckFailedException) return { acquired: false };
    throw err;
  }
  await new Promise((resolve) => setTimeout(resolve, event.holdMs));
  await client.send(new import_client_dynamodb.DeleteItemCommand({
    TableName: tableName,
    Key: key,
    ConditionExpression: "#owner = :me",
    ExpressionAttributeNames: { "#owner": "owner" },
    ExpressionAttributeValues: { ":me": { S: context.awsRequestId } }
  }));
  return { acquired: true };
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler
});
