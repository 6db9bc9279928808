import { describe, expect, it } from 'vitest';
import { base32, hex, sha256, utf8 } from './sha256';
import { clusterPolicyChain, servicePortName } from './chain-names';

describe('chain names', () => {
  it('hashes with SHA-256 (FIPS 180-4 test vectors)', () => {
    expect(hex(sha256(utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const long = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(hex(sha256(utf8(long)))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('encodes base32 as Go StdEncoding (RFC 4648 vectors)', () => {
    expect(base32(utf8('f'))).toBe('MY======');
    expect(base32(utf8('foobar'))).toBe('MZXW6YTBOI======');
  });

  it('names the well-known chains of a kubeadm cluster as a real node shows them', () => {
    expect(clusterPolicyChain(servicePortName('default', 'kubernetes', 'https'), 'tcp')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(clusterPolicyChain(servicePortName('kube-system', 'kube-dns', 'dns'), 'udp')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(clusterPolicyChain(servicePortName('kube-system', 'kube-dns', 'dns-tcp'), 'tcp')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
    expect(clusterPolicyChain(servicePortName('kube-system', 'kube-dns', 'metrics'), 'tcp')).toBe('KUBE-SVC-JD5MR3NA4I4DYORP');
  });
});
