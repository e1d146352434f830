// The tests' generator is the library's (AnsatzCore.SplitMix64): one definition, the same
// sequences.
@_exported import struct AnsatzCore.SplitMix64
