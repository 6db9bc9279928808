/** The shape of generated/messages.json: each message's fields by number. */
export interface FieldSchema {
  /** The JSON field name (go-to-protobuf names proto fields after the json tag). */
  name: string;
  /** A scalar (`string`, `int64`, `bytes` …), `map`, or a fully qualified message name. */
  type: string;
  repeated?: boolean;
  /** For maps: key and value types. */
  key?: string;
  value?: string;
}

export type MessageSchemas = Record<string, Record<string, FieldSchema>>;
