"""Shared definitions for the eoc reference-table scripts (mpmath, high precision).

Activations phi with analytic phi', phi'' (a.e. derivatives at kinks), Gaussian
1-D moments and the 2-D correlation-map moments used by the scripts in this
directory.  Everything is evaluated in the current mpmath working precision
(mp.dps), which each script sets explicitly.
"""
import os
import sys
import mpmath
from mpmath import mp, mpf

# ---------------------------------------------------------------------------
# Activations
# ---------------------------------------------------------------------------
SELU_LAMBDA = '1.0507009873554804934193349852946'
SELU_ALPHA = '1.6732632423543772848170429916717'
GELU_SIGMOID_K = '1.702'


def _sig(x):
    return 1 / (1 + mp.exp(-x))


class Act(object):
    """phi, phi', phi'' and kinks (in x-space)."""

    def __init__(self, name, f, kinks=(), smooth_dphi=True):
        self.name = name
        self.f = f  # f(x) -> (phi, phi', phi'')
        self.kinks = tuple(kinks)
        self.smooth_dphi = smooth_dphi  # phi' continuous -> beta_q defined

    def phi(self, x):
        return self.f(x)[0]

    def dphi(self, x):
        return self.f(x)[1]

    def d2phi(self, x):
        return self.f(x)[2]


def make_act(spec):
    """Build the activation from its spec string, e.g. 'elu(0.5)'."""
    spec = spec.strip()
    if '(' in spec:
        base, arg = spec[:-1].split('(')
        a = mpf(arg)
    else:
        base, a = spec, None
    z, one = mpf(0), mpf(1)

    if base == 'relu':
        return Act(spec, lambda x: (x, one, z) if x > 0 else (z, z, z), [0], False)
    if base == 'leaky_relu':
        def f(x):
            aa = mpf(a)
            return (x, one, z) if x > 0 else (aa * x, aa, z)
        return Act(spec, f, [0], False)
    if base == 'elu':
        def f(x):
            aa = mpf(a)
            if x > 0:
                return (x, one, z)
            e = mp.exp(x)
            return (aa * mp.expm1(x), aa * e, aa * e)
        return Act(spec, f, [0], a == 1)
    if base == 'selu':
        def f(x):
            lam, al = mpf(SELU_LAMBDA), mpf(SELU_ALPHA)
            if x > 0:
                return (lam * x, lam, z)
            e = mp.exp(x)
            return (lam * al * mp.expm1(x), lam * al * e, lam * al * e)
        return Act(spec, f, [0], False)
    if base == 'tanh':
        def f(x):
            t = mp.tanh(x)
            d = 1 - t * t
            return (t, d, -2 * t * d)
        return Act(spec, f)
    if base == 'erf':
        def f(x):
            g = 2 / mp.sqrt(mp.pi) * mp.exp(-x * x)
            return (mp.erf(x), g, -2 * x * g)
        return Act(spec, f)
    if base == 'sigmoid':
        def f(x):
            s, sm = _sig(x), _sig(-x)
            d = s * sm
            return (s, d, d * (sm - s))
        return Act(spec, f)
    if base == 'swish':
        def f(x):
            s, sm = _sig(x), _sig(-x)
            d = s * sm
            return (x * s, s + x * d, 2 * d + x * d * (sm - s))
        return Act(spec, f)
    if base == 'gelu':
        def f(x):
            Phi = mp.ncdf(x)
            pdf = mp.npdf(x)
            return (x * Phi, Phi + x * pdf, pdf * (2 - x * x))
        return Act(spec, f)
    if base == 'gelu_sigmoid':
        def f(x):
            k = mpf(GELU_SIGMOID_K)
            s, sm = _sig(k * x), _sig(-k * x)
            d = s * sm
            return (x * s, s + k * x * d, 2 * k * d + k * k * x * d * (sm - s))
        return Act(spec, f)
    if base in ('softplus', 'shifted_softplus'):
        shift = mp.log(2) if base == 'shifted_softplus' else z

        def f(x):
            s, sm = _sig(x), _sig(-x)
            if x > 0:
                sp = x + mp.log1p(mp.exp(-x))
            else:
                sp = mp.log1p(mp.exp(x))
            return (sp - shift, s, s * sm)
        return Act(spec, f)
    if base == 'mish':
        def f(x):
            s, sm = _sig(x), _sig(-x)
            if x > 0:
                sp = x + mp.log1p(mp.exp(-x))
            else:
                sp = mp.log1p(mp.exp(x))
            t = mp.tanh(sp)
            u = 1 - t * t  # sech^2(softplus(x))
            # d/dx tanh(sp) = u*s ; d/dx (u*s) = -2 t u s^2 + u s sm
            return (x * t, t + x * u * s,
                    2 * u * s + x * (-2 * t * u * s * s + u * s * sm))
        return Act(spec, f)
    if base == 'hard_tanh':
        def f(x):
            if x >= 1:
                return (one, z, z)
            if x <= -1:
                return (-one, z, z)
            return (x, one, z)
        return Act(spec, f, [-1, 1], False)
    if base == 'linear':
        return Act(spec, lambda x: (x, one, z), [], False)
    raise ValueError('unknown activation ' + spec)


ALL_ACTS = ['relu', 'leaky_relu(0.2)', 'elu(1)', 'elu(0.5)', 'selu', 'tanh', 'erf',
            'sigmoid', 'swish', 'gelu', 'gelu_sigmoid', 'softplus',
            'shifted_softplus', 'mish', 'hard_tanh', 'linear']

# Breakpoints with |z| > ZCUT are dropped: the Gaussian weight beyond carries
# < exp(-ZCUT^2/2) ~ 1e-55 of the mass, and a far-away breakpoint would make the
# tanh-sinh rule on the half-infinite piece miss the Gaussian bulk.  The centre
# z = 0 of the Gaussian is always a breakpoint.
ZCUT = 16


def z_points(act, q, extra_x=(0,)):
    """Integration breakpoints in z-space for x = sqrt(q) z."""
    sq = mp.sqrt(q)
    pts = set([mpf(0)])
    for k in list(act.kinks) + list(extra_x):
        zk = mpf(k) / sq
        if abs(zk) < ZCUT:
            pts.add(zk)
    return [mp.ninf] + sorted(pts) + [mp.inf]


def gauss_E(g, pts):
    """E[g(Z)], Z ~ N(0,1), integrating over the given breakpoints."""
    c = 1 / mp.sqrt(2 * mp.pi)
    return c * mp.quad(lambda t: g(t) * mp.exp(-t * t / 2), pts)


def moment(act, q, which):
    """which in V, D, S, P, M."""
    q = mpf(q)
    sq = mp.sqrt(q)
    if which == 'V':
        g = lambda t: act.f(sq * t)[0] ** 2
    elif which == 'D':
        g = lambda t: act.f(sq * t)[1] ** 2
    elif which == 'S':
        g = lambda t: act.f(sq * t)[2] ** 2
    elif which == 'P':
        def g(t):
            r = act.f(sq * t)
            return r[0] * r[2]
    elif which == 'M':
        g = lambda t: act.f(sq * t)[0]
    else:
        raise ValueError(which)
    return gauss_E(g, z_points(act, q))


def sb2_of_q(act, q):
    """EOC bias variance as a function of q: q - V(q)/D(q)."""
    q = mpf(q)
    return q - moment(act, q, 'V') / moment(act, q, 'D')


# ---------------------------------------------------------------------------
# 2-D correlation moments
# ---------------------------------------------------------------------------
INNER_EXTRA_DPS = 6


def cmoment(act, q, c, deriv):
    """E[h(u1) h(u2)], h = phi (deriv=0) or phi' (deriv=1), Var u = q, corr c.

    u1 = sqrt(q) z1, u2 = sqrt(q)(c z1 + sqrt(1-c^2) z2), nested 1-D Gaussian
    quadratures; inner integral split at the kinks of h(u2) and at u2 = 0,
    outer integral split at the kinks of h(u1) and at u1 = 0.
    """
    q, c = mpf(q), mpf(c)
    sq = mp.sqrt(q)
    s = mp.sqrt(1 - c * c)
    idx = deriv
    w = 1 / mp.sqrt(2 * mp.pi)
    xbreaks = list(act.kinks) + [0]

    def inner(z1):
        m = c * z1
        pts = set([mpf(0)])
        for k in xbreaks:
            zk = (mpf(k) / sq - m) / s
            if abs(zk) < ZCUT:
                pts.add(zk)
        pts = [mp.ninf] + sorted(pts) + [mp.inf]
        return w * mp.quad(lambda z2: act.f(sq * (m + s * z2))[idx] * mp.exp(-z2 * z2 / 2), pts)

    def inner_x(z1):
        # inner integral at extra precision so that its rounding noise stays
        # far below the outer quadrature's error estimate
        with mp.extradps(INNER_EXTRA_DPS):
            return +inner(z1)

    def outer(z1):
        h1 = act.f(sq * z1)[idx]
        if h1 == 0:
            return mpf(0)
        return h1 * inner_x(z1) * mp.exp(-z1 * z1 / 2)

    return w * mp.quad(outer, z_points(act, q))


# ---------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------
def fmt(x):
    if x is None or x == '':
        return ''
    return mpmath.nstr(mpf(x), 25)


def out_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    d = os.path.normpath(os.path.join(here, '..', '..', 'eoc-core', 'src', 'test',
                                      'resources', 'reference'))
    os.makedirs(d, exist_ok=True)
    return d


def header_lines(script, dps, columns_desc, extra=()):
    lines = ['# generated by scripts/reference/%s' % script,
             '# mpmath %s (backend %s), python %s' % (
                 mpmath.__version__, mpmath.libmp.BACKEND, sys.version.split()[0]),
             '# working precision: mp.dps = %s' % dps,
             '# regenerate: cd <repo root> && python3 scripts/reference/%s' % script,
             '# numbers printed with 25 significant digits (mpmath.nstr(x, 25))']
    lines += ['# ' + e for e in extra]
    lines += ['# column ' + c for c in columns_desc]
    return lines


# ---------------------------------------------------------------------------
# Fast 2-D correlation moments: nested composite Gauss-Legendre
# ---------------------------------------------------------------------------
# Distance (in x-space) from the real axis of the nearest complex singularity
# of phi / phi'.  All these singularities have real part in [0, 0.35], i.e.
# they sit next to x = 0, so the quadrature pieces are graded geometrically
# towards the point where the argument of phi vanishes.  None = entire on
# each piece between kinks.
SING_DIST = {'tanh': mp.pi / 2, 'sigmoid': mp.pi, 'swish': mp.pi, 'softplus': mp.pi,
             'shifted_softplus': mp.pi, 'mish': 3 * mp.pi / 4,
             'gelu_sigmoid': mp.pi / mpf(GELU_SIGMOID_K),
             # entire, but phi' contains a Gaussian factor exp(-x^2) (erf) or
             # exp(-x^2/2) (gelu) whose x-scale ~1 must be resolved at large q
             'erf': mpf(1), 'gelu': mpf(1)}


def sing_dist(act):
    base = act.name.split('(')[0]
    d = SING_DIST.get(base)
    return None if d is None else +d


_GL_CACHE = {}


def gl_nodes(degree):
    """Gauss-Legendre nodes/weights on [-1,1], 3*2^(degree-1) points."""
    key = (degree, mp.prec)
    if key not in _GL_CACHE:
        g = mpmath.calculus.quadrature.GaussLegendre(mp)
        nodes = g.calc_nodes(degree, mp.prec + 20)
        xs, ws = [], []
        for x, w in nodes:
            xs.append(+x)
            ws.append(+w)
        _GL_CACHE[key] = (xs, ws)
    return _GL_CACHE[key]


GRADE = [mpf(x) for x in ('0.25', '0.5', '1', '2', '4', '6', '8', '12', '16', '24', '32', '48', '64')]


def gl_breaks(centers, L, kinks):
    """Piece boundaries on [-L, L].  For every (center, unit) in `centers` the
    boundaries center +- unit*{1/4, 1/2, 1, 2, 4, 6, 8, 12, ...} are used
    (geometric grading towards a (near-)singularity of scale `unit`); then the
    kinks are added and pieces longer than 2 (3 where |z| > 7) are subdivided."""
    b = set([-L, L])
    for center, unit in centers:
        b.add(center)
        for g in GRADE:
            for p in (center + g * unit, center - g * unit):
                if -L < p < L:
                    b.add(p)
    for k in kinks:
        if -L < k < L:
            b.add(k)
    b = sorted(b)
    out = [b[0]]
    for a, e in zip(b[:-1], b[1:]):
        cap = 3 if min(abs(a), abs(e)) > 7 else 2
        n = int(mp.ceil((e - a) / cap))
        for i in range(1, n):
            out.append(a + (e - a) * i / n)
        out.append(e)
    return out


def gl_rule(breaks, degree, L):
    """Composite GL nodes z_j and weights W_j * phi_N(z_j) (Gaussian density)."""
    Z, W = [], []
    for a, b in zip(breaks[:-1], breaks[1:]):
        z, w = gl_piece(a, b, degree)
        Z.extend(z)
        W.extend(w)
    return Z, W


_PIECE_CACHE = {}


def gl_piece(a, b, degree, cache=False):
    key = (a, b, degree, mp.prec)
    if cache and key in _PIECE_CACHE:
        return _PIECE_CACHE[key]
    xs, ws = gl_nodes(degree)
    c0 = 1 / mp.sqrt(2 * mp.pi)
    h = (b - a) / 2
    m = (a + b) / 2
    Z, W = [], []
    for x, w in zip(xs, ws):
        z = m + h * x
        Z.append(z)
        W.append(h * w * c0 * mp.exp(-z * z / 2))
    if cache:
        _PIECE_CACHE[key] = (Z, W)
    return Z, W


def inner_rule(L, degree, moving):
    """Inner rule: a fixed base grid on [-L, L] (pieces of length <= 2 for
    |z| < 7, <= 3 beyond), whose pieces are split at the `moving` points
    (kinks, grading points); unsplit base pieces are cached."""
    base = [mpf(x) for x in (-10, -7, -5, -3, -1, 1, 3, 5, 7, 10)]
    base = [-L] + base + [L]
    mv = sorted(set(p for p in moving if -L < p < L))
    Z, W = [], []
    k = 0
    for a, b in zip(base[:-1], base[1:]):
        inside = []
        while k < len(mv) and mv[k] <= a:
            k += 1
        kk = k
        while kk < len(mv) and mv[kk] < b:
            inside.append(mv[kk])
            kk += 1
        if not inside:
            z, w = gl_piece(a, b, degree, cache=True)
            Z.extend(z)
            W.extend(w)
        else:
            pts = [a] + inside + [b]
            for u, v in zip(pts[:-1], pts[1:]):
                if v > u:
                    z, w = gl_piece(u, v, degree)
                    Z.extend(z)
                    W.extend(w)
    return Z, W


def cmoments_gl(act, q, c, degree=4, L=None):
    """(C, C1) = (E[phi(u1)phi(u2)], E[phi'(u1)phi'(u2)]) by nested composite
    Gauss-Legendre on [-L, L]^2 (z1 outer, z2 inner).

    Outer pieces: graded towards z1 = 0 (u1 = 0) and split at the kinks of phi.
    Inner pieces: graded towards z2 = -c z1 / s (u2 = 0), split at the inner
    kinks z2 = (k/sqrt q - c z1)/s, s = sqrt(1 - c^2)."""
    q, c = mpf(q), mpf(c)
    if L is None:
        L = mpf(13) if mp.dps <= 32 else mpf(15)
    sq = mp.sqrt(q)
    s = mp.sqrt(1 - c * c)
    bx = sing_dist(act)
    four = mpf(4)
    kinks_out = [mpf(k) / sq for k in act.kinks]
    if bx is None:
        # piecewise entire: Gaussian scale, plus the near-kinks of the smoothed
        # inner integral at z1 = k/(c sqrt q) (width s/|c|)
        centers_out = [(mpf(0), four)]
        if c != 0:
            for k in act.kinks:
                centers_out.append((mpf(k) / (c * sq), min(s / abs(c), four)))
        u_in = four
    else:
        centers_out = [(mpf(0), min(bx / sq, four))]
        u_in = min(bx / (sq * s), four)
    Z1, W1 = gl_rule(gl_breaks(centers_out, L, kinks_out), degree, L)
    C = mpf(0)
    C1 = mpf(0)
    for z1, w1 in zip(Z1, W1):
        p1, dp1, _ = act.f(sq * z1)
        if p1 == 0 and dp1 == 0:
            continue
        m = c * z1
        zc = -m / s
        moving = [(mpf(k) / sq - m) / s for k in act.kinks]
        if u_in < 2:
            # grade towards the complex singularities next to u2 = 0
            moving.append(zc)
            for g in GRADE:
                if g * u_in > 2:
                    break
                moving += [zc - g * u_in, zc + g * u_in]
        Z2, W2 = inner_rule(L, degree, moving)
        a0 = mpf(0)
        a1 = mpf(0)
        for z2, w2 in zip(Z2, W2):
            p2, dp2, _ = act.f(sq * (m + s * z2))
            a0 += w2 * p2
            a1 += w2 * dp2
        C += w1 * p1 * a0
        C1 += w1 * dp1 * a1
    return C, C1
