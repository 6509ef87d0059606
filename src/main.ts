/**
 * The page's entry: finds the lab's elements in index.html and builds the lab into them
 * (createLab.ts does the wiring; docs/architecture.md has the layers and the data flow).
 */
import './ui/styles.css';
import { createLab, labDom } from './createLab';

void createLab(labDom(document), { hash: location.hash });
