int LLVMFuzzerTestOneInput (const unsigned char *data, unsigned long size); int LLVMFuzzerTestOneInput (const unsigned char *data, unsigned long size) { return data && size; }
