// Public surface of src/persist: saving trained models (with vocabularies and configuration) to one JSON file and back.
export * from "./tensor-codec";
export * from "./codecs";
export * from "./serialize";
export * from "./files";
