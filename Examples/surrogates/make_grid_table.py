"""Makes gluino_grid_13TeV.csv from the NNLL-fast 1.1 grid (../../../shared/data/susy-xsec-13tev/
gg_nnlonnll_pdf4lhc15_13TeV_wpresc.grid, columns named in its .info file): squark mass, gluino
mass, the NNLO_approx+NNLL cross section, and its total theory uncertainty, the larger scale
variation and the PDF+alpha_s uncertainty in quadrature (as the LHC SUSY cross-section working
group combines them). Run once; the output is committed.

    python3 make_grid_table.py PATH/TO/gg_nnlonnll_pdf4lhc15_13TeV_wpresc.grid > gluino_grid_13TeV.csv
"""
import math
import sys

print("msq_GeV,mgl_GeV,xsec_pb,unc_pb")
with open(sys.argv[1]) as grid:
    for line in grid:
        if line.startswith("#") or not line.strip():
            continue
        f = line.split()
        ms, mg = float(f[1]), float(f[2])
        xsec, up, down, pdf_percent = float(f[10]), float(f[11]), float(f[12]), float(f[13])
        scale = max(abs(up), abs(down))
        unc = math.hypot(scale, xsec * pdf_percent / 100)
        print(f"{ms:g},{mg:g},{xsec:.7g},{unc:.4g}")
