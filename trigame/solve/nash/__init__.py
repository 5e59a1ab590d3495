"""Complete Nash solvers for strategic-form games, one algorithm per module.

Each public module holds one method of :func:`trigame.solve.equilibria` and
exposes it as ``solve(game, **options)``:

* :mod:`~trigame.solve.nash.pure` -- every pure-strategy equilibrium, any number of players;
* :mod:`~trigame.solve.nash.support` -- every extreme equilibrium of a 2-player
  game, by vertex enumeration (helpers in ``_vertex``);
* :mod:`~trigame.solve.nash.polynomial` -- every isolated equilibrium of a small
  N-player game, by support enumeration and exact polynomial solving (helpers in
  ``_poly_system``, ``_poly_box``, ``_poly_linear``, ``_poly_prune``);
* :mod:`~trigame.solve.nash.closed_form` -- 2x2 and 2x2x2 games in closed form, for
  float, exact and symbolic payoffs (formulas in ``_closed_formulas``, arithmetic in
  ``_closed_backend``);
* :mod:`~trigame.solve.nash.lemke_howson` -- one equilibrium per starting label of
  a 2-player game (not complete);
* :mod:`~trigame.solve.nash.nashpy_solver` -- a baseline delegating to nashpy (not
  complete).

``_common`` holds what they share: the result builder, which passes every
candidate through the independent :func:`trigame.verify.is_nash` check, and the
exact integer payoffs of float games.  The modules import nothing above
:mod:`trigame.verify`; the dispatcher is :mod:`trigame.solve`.
"""
