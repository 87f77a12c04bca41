#!/bin/sh
# Create the TLS test certificates and keys for the LGTM API simulator.
#
# Usage: make-certs.sh DIR
#
# Writes into DIR (created if missing, existing files are replaced):
#   ca.pem ca.key                  root CA "check_lgtm Test Root CA"
#   server.pem server.key          leaf for localhost, 127.0.0.1 and ::1
#   inter.pem inter.key            intermediate CA signed by the root
#   inter-server.pem .key          leaf signed by the intermediate
#   inter-server-chain.pem         that leaf followed by the intermediate
#   other-ca.pem other-ca.key      CA that the tests do not trust
#   other-server.pem .key          leaf signed by other-ca
#   self-signed.pem .key           self-signed leaf
#   expired.pem .key               valid 2020-01-01 to 2021-01-01 only
#   future.pem .key                valid 2040-01-01 to 2041-01-01 only
#   wrong-host.pem .key            leaf for lgtm.wrong.example only
#   soon.pem .key                  leaf that expires 5 days from now
#   client-ca.pem .key             CA for TLS client certificates
#   client.pem client.key          client certificate signed by client-ca
#   client-mismatch.key            key that does not match client.pem
#
# All keys are EC P-256 and mode 0600. Needs the openssl command (1.1.1 or
# later; written against OpenSSL 3.0).

set -eu

prog=make-certs.sh

fail() {
	echo "$prog: $*" >&2
	exit 1
}

if [ $# -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $prog DIR" >&2
	exit 2
fi

command -v openssl >/dev/null 2>&1 ||
	fail "the openssl command was not found in PATH;" \
		"install it (Debian: apt-get install openssl)"

out=$1
mkdir -p "$out" || fail "cannot create directory $out"

work=$(mktemp -d "${TMPDIR:-/tmp}/make-certs.XXXXXX") ||
	fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# run STEP COMMAND...: run COMMAND with its output captured. If it fails,
# print STEP and the captured output, then exit 1.
run() {
	step=$1
	shift
	if ! "$@" >"$work/step.log" 2>&1; then
		echo "$prog: failed to $step:" >&2
		sed 's/^/  /' "$work/step.log" >&2
		exit 1
	fi
}

server_names="DNS:localhost, IP:127.0.0.1, IP:::1"

cat >"$work/openssl.cnf" <<EOF
[req]
distinguished_name = req_dn
prompt = no

[req_dn]

[root_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[inter_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $server_names
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[wrong_host_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:lgtm.wrong.example, DNS:other.wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

# No keyUsage here, because OpenSSL treats a certificate as self-issued only
# when its keyUsage, if present, allows keyCertSign. Without it a test can
# still trust this certificate directly with --ca-file.
[self_signed_ext]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = $server_names
subjectKeyIdentifier = hash

[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

# Configuration for "openssl ca", the only OpenSSL 3.0 command that takes
# explicit notBefore and notAfter dates.
mkdir "$work/ca" "$work/ca/newcerts"
: >"$work/ca/index.txt"
run "create a serial number" \
	openssl rand -hex -out "$work/ca/serial" 16
cat >"$work/ca.cnf" <<EOF
[ca]
default_ca = dated_ca

[dated_ca]
database = $work/ca/index.txt
new_certs_dir = $work/ca/newcerts
serial = $work/ca/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no

[policy_any]
commonName = supplied
EOF

# new_key NAME: write NAME.key, readable by the owner only.
new_key() {
	rm -f "$out/$1.key"
	(umask 077 &&
		run "create the key $out/$1.key" \
			openssl genpkey -algorithm EC \
			-pkeyopt ec_paramgen_curve:P-256 -out "$out/$1.key")
	chmod 600 "$out/$1.key"
}

# new_csr NAME SUBJECT: write a certificate request for NAME.key.
new_csr() {
	run "create the certificate request for $1" \
		openssl req -new -config "$work/openssl.cnf" \
		-key "$out/$1.key" -subj "$2" -out "$work/$1.csr"
}

# self_sign NAME SUBJECT EXTENSIONS DAYS
self_sign() {
	new_key "$1"
	run "create the self-signed certificate $out/$1.pem" \
		openssl req -x509 -new -config "$work/openssl.cnf" \
		-key "$out/$1.key" -subj "$2" -sha256 -days "$4" \
		-extensions "$3" -out "$out/$1.pem"
}

# issue NAME SUBJECT EXTENSIONS ISSUER DAYS: sign a new key for NAME with
# ISSUER.pem and ISSUER.key, valid from now on for DAYS days.
issue() {
	new_key "$1"
	new_csr "$1" "$2"
	run "sign $out/$1.pem with $4" \
		openssl x509 -req -in "$work/$1.csr" \
		-CA "$out/$4.pem" -CAkey "$out/$4.key" \
		-set_serial "0x$(openssl rand -hex 16)" -sha256 -days "$5" \
		-extfile "$work/openssl.cnf" -extensions "$3" \
		-out "$out/$1.pem"
}

# issue_dated NAME SUBJECT EXTENSIONS START END: sign a new key for NAME
# with the root CA for the fixed period START..END (YYYYMMDDHHMMSSZ).
issue_dated() {
	new_key "$1"
	new_csr "$1" "$2"
	run "sign $out/$1.pem with ca for $4 to $5" \
		openssl ca -batch -config "$work/ca.cnf" -notext \
		-cert "$out/ca.pem" -keyfile "$out/ca.key" \
		-startdate "$4" -enddate "$5" \
		-extfile "$work/openssl.cnf" -extensions "$3" \
		-in "$work/$1.csr" -out "$out/$1.pem"
}

tests_org="/O=check_lgtm tests"

self_sign ca "$tests_org/CN=check_lgtm Test Root CA" root_ext 3650
issue server "/CN=localhost" server_ext ca 365

issue inter "$tests_org/CN=check_lgtm Test Intermediate CA" inter_ext ca 3650
issue inter-server "/CN=localhost" server_ext inter 365
cat "$out/inter-server.pem" "$out/inter.pem" >"$out/inter-server-chain.pem"

self_sign other-ca "/O=Untrusted Org/CN=Untrusted Test CA" root_ext 3650
issue other-server "/CN=localhost" server_ext other-ca 365

self_sign self-signed "/CN=localhost" self_signed_ext 365

issue_dated expired "/CN=localhost" server_ext \
	20200101000000Z 20210101000000Z
issue_dated future "/CN=localhost" server_ext \
	20400101000000Z 20410101000000Z

issue wrong-host "/CN=lgtm.wrong.example" wrong_host_ext ca 365
issue soon "/CN=localhost" server_ext ca 5

self_sign client-ca "$tests_org/CN=check_lgtm Test Client CA" root_ext 3650
issue client "/CN=monitoring client" client_ext client-ca 365
new_key client-mismatch

chmod 644 "$out"/*.pem
