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

ZCUT = 60  # breakpoints with |z| > ZCUT carry Gaussian weight < 1e-780: dropped


def z_points(act, q, extra_x=(0,)):
    """Integration breakpoints in z-space for x = sqrt(q) z."""
    sq = mp.sqrt(q)
    pts = set()
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
        pts = set()
        for k in xbreaks:
            zk = (mpf(k) / sq - m) / s
            if abs(zk) < ZCUT:
                pts.add(zk)
        pts = [mp.ninf] + sorted(pts) + [mp.inf]
        return w * mp.quad(lambda z2: act.f(sq * (m + s * z2))[idx] * mp.exp(-z2 * z2 / 2), pts)

    def outer(z1):
        h1 = act.f(sq * z1)[idx]
        if h1 == 0:
            return mpf(0)
        return h1 * inner(z1) * mp.exp(-z1 * z1 / 2)

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
